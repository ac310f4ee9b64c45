import type { Folder, Message, Purpose } from '@otp-relay/shared';
import { toTimestamp } from '../clock.ts';
import type { InboxEntry } from '../inbox/inbox-entry.ts';
import type { VerificationRecord } from '../store.ts';
import { composeMessage, senderOf } from './compose-message.ts';
import { siteOfOrigin } from './site-of-origin.ts';

/**
 * A code this relay issued, as its inbox entry. It keeps only what is not derived from its verification: the
 * words are a pure function of the verification and the code, so they are composed when the message is read,
 * as are the ISO timestamps (a live message costs its code, not its text: bench figure 4). The code itself
 * must stay in clear: the inbox serves it. It lives while its verification is pending and is that
 * verification's newest message, so the verification's expiry is the message's, and the verification
 * lifecycle removes it (expiry, approval, cancel, resend).
 */
export class IssuedMessage implements InboxEntry {
  readonly id: string;
  readonly verification: VerificationRecord;
  readonly code: string;
  readonly folder: Folder;
  readonly receivedAt: number;
  older: InboxEntry | undefined = undefined;
  newer: InboxEntry | undefined = undefined;

  constructor(id: string, verification: VerificationRecord, code: string, folder: Folder, receivedAt: number) {
    this.id = id;
    this.verification = verification;
    this.code = code;
    this.folder = folder;
    this.receivedAt = receivedAt;
  }

  get to(): string {
    return this.verification.to;
  }

  get purpose(): Purpose {
    return this.verification.purpose;
  }

  get origin(): string {
    return this.verification.origin;
  }

  get expiresAt(): number {
    return this.verification.expiresAt;
  }

  get source(): 'relay' {
    return 'relay';
  }

  get expiresOnItsOwn(): boolean {
    return false;
  }

  toMessage(): Message {
    const { id, channel, purpose, origin, to, ttlMs, expiresAt } = this.verification;
    const content = composeMessage({ channel, purpose, origin, code: this.code, ttlSeconds: Math.round(ttlMs / 1000) });
    const receivedAt = toTimestamp(this.receivedAt);
    return {
      id: this.id,
      source: 'relay',
      channel,
      from: senderOf(channel, origin),
      to,
      ...content,
      code: this.code,
      site: siteOfOrigin(origin),
      origin,
      binding: 'issuer',
      folder: this.folder,
      receivedAt,
      createdAt: receivedAt,
      expiresAt: toTimestamp(expiresAt),
      verificationId: id,
      purpose,
    };
  }
}
