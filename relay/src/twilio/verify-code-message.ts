import type { Channel, Folder, Message } from '@otp-relay/shared';
import { toTimestamp } from '../clock.ts';
import type { InboxEntry } from '../inbox/inbox-entry.ts';
import { siteOfOrigin } from '../verifications/site-of-origin.ts';

export interface VerifyCodeMessageInit {
  id: string;
  verificationSid: string;
  channel: Channel;
  to: string;
  origin: string;
  from: string;
  text: string;
  subject?: string;
  code: string;
  folder: Folder;
  receivedAt: number;
  expiresAt: number;
}

/**
 * A code the relay's Twilio Verify issued for a service bound to an exact origin, as its inbox entry. The relay
 * made the code itself (it is the Verify provider here), so it is a relay-issued message: bound to that origin
 * (`binding: "issuer"`), named by its Verify SID, and the extension fills it there under the exact-origin rules.
 * It expires on its own (Verify's 10 minutes), and the Verify state machine takes it out when the verification
 * ends first.
 */
export class VerifyCodeMessage implements InboxEntry {
  readonly #m: VerifyCodeMessageInit;
  older: InboxEntry | undefined = undefined;
  newer: InboxEntry | undefined = undefined;

  constructor(init: VerifyCodeMessageInit) {
    this.#m = init;
  }

  get id(): string {
    return this.#m.id;
  }
  get source(): 'relay' {
    return 'relay';
  }
  get to(): string {
    return this.#m.to;
  }
  get purpose(): 'login' {
    // Twilio Verify names no purpose; an app under test calls it for its login, signup or checkout alike.
    return 'login';
  }
  get origin(): string {
    return this.#m.origin;
  }
  get folder(): Folder {
    return this.#m.folder;
  }
  get receivedAt(): number {
    return this.#m.receivedAt;
  }
  get expiresAt(): number {
    return this.#m.expiresAt;
  }
  get expiresOnItsOwn(): boolean {
    return true;
  }

  toMessage(): Message {
    const m = this.#m;
    const at = toTimestamp(m.receivedAt);
    return {
      id: m.id,
      source: 'relay',
      channel: m.channel,
      from: m.from,
      to: m.to,
      ...(m.subject === undefined ? {} : { subject: m.subject }),
      text: m.text,
      code: m.code,
      site: siteOfOrigin(m.origin),
      origin: m.origin,
      binding: 'issuer',
      folder: m.folder,
      receivedAt: at,
      createdAt: at,
      expiresAt: toTimestamp(m.expiresAt),
      verificationId: m.verificationSid,
      purpose: 'login',
    };
  }
}
