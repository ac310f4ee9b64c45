import type { Folder, Message, MessageSource, Purpose } from '@otp-relay/shared';

/**
 * One live message in the inbox, whatever its source. The inbox filters, orders and serves entries through
 * this interface only; how an entry keeps its words and when it dies is the source's business:
 * - a relay-issued code (verifications/issued-message.ts) composes its words on read and dies with its
 *   verification, which removes it;
 * - every other source (inbox/stored-message.ts) keeps its wire form and has its own expiry, run by the inbox.
 * Times are ms on the relay's clock. `older`/`newer` are the store's links (an intrusive list: no index of
 * its own per message, bench figure 4); only the store sets them.
 */
export interface InboxEntry {
  readonly id: string;
  readonly source: MessageSource;
  /** The destination it was sent to, when known (inbound messages may not name one). */
  readonly to: string | undefined;
  readonly purpose: Purpose | undefined;
  readonly origin: string | undefined;
  readonly folder: Folder;
  readonly receivedAt: number;
  readonly expiresAt: number;
  /** True when the inbox itself removes the entry at `expiresAt`; false when its owner removes it. */
  readonly expiresOnItsOwn: boolean;
  /** The message as the wire shows it. */
  toMessage(): Message;
  older: InboxEntry | undefined;
  newer: InboxEntry | undefined;
}
