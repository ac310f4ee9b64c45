import type { Folder, Message, MessageSource } from '@otp-relay/shared';
import type { InboxEntry } from './inbox-entry.ts';

/**
 * A message that came from outside the relay (POST /inbound today; a phone forwarder, SMTP, IMAP, Twilio or SNS
 * later), as its inbox entry: its wire form is kept whole (nothing to derive it from) and it has its own
 * expiry, which the inbox runs.
 */
export class StoredMessage implements InboxEntry {
  readonly message: Message;
  readonly receivedAt: number;
  readonly expiresAt: number;
  older: InboxEntry | undefined = undefined;
  newer: InboxEntry | undefined = undefined;

  constructor(message: Message, receivedAt: number, expiresAt: number) {
    this.message = message;
    this.receivedAt = receivedAt;
    this.expiresAt = expiresAt;
  }

  get id(): string {
    return this.message.id;
  }

  get source(): MessageSource {
    return this.message.source;
  }

  get to(): string | undefined {
    return this.message.to;
  }

  get purpose(): undefined {
    return undefined;
  }

  get origin(): undefined {
    return undefined;
  }

  get folder(): Folder {
    return this.message.folder;
  }

  get expiresOnItsOwn(): boolean {
    return true;
  }

  toMessage(): Message {
    return this.message;
  }
}
