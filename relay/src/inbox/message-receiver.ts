import { createHash } from 'node:crypto';
import {
  type Channel,
  type Folder,
  FoundCodeSchema,
  LIMITS,
  type Message,
  type MessageSource,
  normalizeDestination,
  withoutHiddenCharacters,
} from '@otp-relay/shared';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { toTimestamp } from '../clock.ts';
import { randomId } from '../codes.ts';
import { analyzeMessage } from '../intake/analyze-message.ts';
import type { SenderRule } from '../intake/sender-rules.ts';
import type { Inbox } from './inbox.ts';
import { StoredMessage } from './stored-message.ts';

/** A forwarder retrying the same message within this window gets the first one back, stored once. */
export const DUPLICATE_WINDOW_MS = 60_000;

/** A message as any way in hands it over: raw words, before the relay looked for a code or a site. */
export interface ReceivedMessage {
  /** Which way in it took (never `relay`: those are the codes this relay issues itself). */
  source: Exclude<MessageSource, 'relay'>;
  channel: Channel;
  /** SMS sender ID or number, or the email From value. */
  from: string;
  to?: string | undefined;
  subject?: string | undefined;
  /** `text` or `html` (or both); for HTML-only email the visible text is derived. */
  text?: string | undefined;
  html?: string | undefined;
  /** When it was received, ms on the relay's clock; default now, and never later than now. */
  receivedAt?: number | undefined;
  /** Domains that passed DKIM/DMARC, for mailboxes that check; undefined for a trusted source. */
  authenticatedDomains?: readonly string[] | undefined;
  /** Default `inbox`. */
  folder?: Folder | undefined;
}

export interface ReceiveResult {
  message: Message;
  /** True when the same message arrived within the last minute: nothing new was stored or published. */
  duplicate: boolean;
}

export interface MessageReceiverDeps {
  inbox: Inbox;
  clock: Clock;
  /** The seller's own rules as they are now (they may change between messages). */
  senderRules: () => readonly SenderRule[];
  /** Lifetime of a code whose message does not say (default: the relay's code TTL). */
  defaultTtlMs?: number;
  logger: Logger;
}

/**
 * The one way a message from outside enters the relay, whatever brought it (POST /inbound today; a phone
 * forwarder, SMTP, IMAP, Twilio- or SNS-compatible API later): analyse it (code, site, expiry: intake/),
 * keep it in the inbox until it expires, which publishes it on the stream and releases the long polls.
 * A repeat of the same content within a minute is the first message again, not a second one.
 */
export class MessageReceiver {
  readonly #d: MessageReceiverDeps;
  readonly #defaultTtlMs: number;
  /** Content key → the message it stored, oldest first; only the last minute's are kept. */
  readonly #recent = new Map<string, { entry: StoredMessage; at: number }>();

  constructor(deps: MessageReceiverDeps) {
    this.#d = deps;
    this.#defaultTtlMs = deps.defaultTtlMs ?? LIMITS.ttlSeconds.default * 1000;
  }

  receive(input: ReceivedMessage): ReceiveResult {
    const { inbox, clock } = this.#d;
    const now = clock.now();
    this.#forgetBefore(now - DUPLICATE_WINDOW_MS);
    const key = dedupKey(input);
    const seen = this.#recent.get(key);
    if (seen !== undefined && inbox.holds(seen.entry)) return { message: seen.entry.message, duplicate: true };

    const receivedAt = Math.min(input.receivedAt ?? now, now);
    // A sender spelled with direction overrides or zero-width characters would read as another one in the
    // popup; it is judged and shown as it reads (the message itself is kept: it may hold a real code).
    const from = withoutHiddenCharacters(input.from).trim() || '(no sender)';
    const analysis = analyzeMessage(
      {
        channel: input.channel,
        from,
        receivedAt,
        ...(input.subject === undefined ? {} : { subject: input.subject }),
        ...(input.text === undefined ? {} : { text: input.text }),
        ...(input.html === undefined ? {} : { html: input.html }),
        ...(input.authenticatedDomains === undefined ? {} : { authenticatedDomains: input.authenticatedDomains }),
      },
      { senderRules: this.#d.senderRules(), defaultTtlMs: this.#defaultTtlMs },
    );
    // The wire promises a code of 4–10 letters and digits; anything else is no code the extension may fill.
    const code = analysis.code !== null && FoundCodeSchema.safeParse(analysis.code).success ? analysis.code : null;
    const at = toTimestamp(receivedAt);
    const message: Message = {
      id: randomId('MS'),
      source: input.source,
      channel: input.channel,
      from,
      ...(input.to === undefined ? {} : { to: normalizeDestination(input.to) }),
      ...(input.subject === undefined ? {} : { subject: input.subject }),
      text: analysis.text,
      code,
      site: analysis.site,
      binding: analysis.binding,
      folder: input.folder ?? 'inbox',
      receivedAt: at,
      createdAt: at,
      expiresAt: toTimestamp(analysis.expiresAt),
    };
    const entry = new StoredMessage(message, receivedAt, analysis.expiresAt);
    this.#recent.delete(key);
    this.#recent.set(key, { entry, at: now });
    inbox.add(entry);
    this.#d.logger.info(
      { messageId: message.id, source: message.source, channel: message.channel, hasCode: code !== null },
      'message received',
    );
    return { message, duplicate: false };
  }

  clear(): void {
    this.#recent.clear();
  }

  #forgetBefore(cutoff: number): void {
    for (const [key, seen] of this.#recent) {
      if (seen.at > cutoff) break;
      this.#recent.delete(key);
    }
  }
}

/** The content that makes two deliveries the same message: who, to whom, and every word. */
function dedupKey(input: ReceivedMessage): string {
  const parts = [input.source, input.channel, input.from, input.to, input.subject, input.text, input.html];
  // 32 raw bytes as a latin1 string: 48 B of heap per live key where base64 would take 64.
  return createHash('sha256').update(JSON.stringify(parts)).digest().toString('latin1');
}
