import { isE164Phone } from '@otp-relay/shared';
import type { Logger } from 'pino';
import type { Chaos } from '../chaos.ts';
import type { Clock } from '../clock.ts';
import { randomId } from '../codes.ts';
import type { EventLog } from '../event-log.ts';
import type { MessageReceiver } from '../inbox/message-receiver.ts';
import type { Scheduler } from '../scheduler.ts';
import { TwilioError } from './twilio-error.ts';

export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface TwilioMessageRecord {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  status: MessageStatus;
  errorCode: number | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

export interface SendMessageInput {
  to: string | undefined;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string | undefined;
  statusCallback: string | undefined;
}

export interface TwilioMessagesDeps {
  accountSid: string;
  receiver: MessageReceiver;
  clock: Clock;
  chaos: Chaos;
  events: EventLog;
  /** Runs chaos-delayed deliveries on the relay's clock (the test clock included). */
  scheduler: Scheduler;
  logger: Logger;
  /** Default: global fetch. Status callbacks are posted through it. */
  fetch?: typeof fetch;
}

/** Twilio's limit on one message body (longer is error 21617). */
const MAX_BODY = 1600;
/** Messages kept for fetch and list, oldest leaving first. */
const MAX_KEPT = 10_000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const DELIVER = 'twilio-message-deliver';

interface Held {
  record: TwilioMessageRecord;
  folder: 'inbox' | 'spam';
  callback: URL | undefined;
}

/**
 * Programmable Messaging's `Messages.json`: a sent SMS lands in the inbox through the MessageReceiver (source
 * `twilio`), where the intake finds its code and site. The status moves queued → sent → delivered (or
 * failed/undelivered under a chaos rule) and each step is posted to the StatusCallback, form-encoded as
 * Twilio posts it, but only to a loopback URL: the relay never calls out to the network on an app's say-so.
 */
export class TwilioMessages {
  readonly #d: TwilioMessagesDeps;
  readonly #messages = new Map<string, TwilioMessageRecord>();
  /** Messages a chaos delay holds back, by SID. */
  readonly #held = new Map<string, Held>();

  constructor(deps: TwilioMessagesDeps) {
    this.#d = deps;
    deps.events.subscribe((event) => {
      if (event.type !== 'reset') return;
      this.#messages.clear();
      this.#held.clear();
    });
    deps.scheduler.handle(DELIVER, (sid) => {
      const held = this.#held.get(sid);
      this.#held.delete(sid);
      if (held !== undefined) this.#land(held.record, held.folder, held.callback, []);
    });
  }

  send(input: SendMessageInput): TwilioMessageRecord {
    const { to, from, messagingServiceSid, body, statusCallback } = input;
    if (to === undefined || to === '') throw new TwilioError(400, 21604, "A 'To' phone number is required.");
    if (!isE164Phone(to))
      throw new TwilioError(400, 21211, `The 'To' number ${to.slice(0, 40)} is not a valid phone number.`);
    if ((from === undefined || from === '') && (messagingServiceSid === undefined || messagingServiceSid === '')) {
      throw new TwilioError(400, 21603, "A 'From' phone number is required.");
    }
    if (messagingServiceSid !== undefined && !/^MG[0-9a-fA-F]{32}$/.test(messagingServiceSid)) {
      throw new TwilioError(400, 21701, `The Messaging Service Sid ${messagingServiceSid.slice(0, 40)} is invalid.`);
    }
    if (body === undefined || body === '') throw new TwilioError(400, 21602, 'Message body is required.');
    if (body.length > MAX_BODY) {
      throw new TwilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    }
    const callback = statusCallback === undefined || statusCallback === '' ? undefined : loopbackUrl(statusCallback);
    const now = this.#d.clock.now();
    const record: TwilioMessageRecord = {
      sid: randomId('SM'),
      to,
      from: from === undefined || from === '' ? null : from,
      messagingServiceSid: messagingServiceSid ?? null,
      body,
      status: 'queued',
      errorCode: null,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
    };
    this.#keep(record);
    const answer = { ...record };
    // Delivered right after the 201 is written, as Twilio does it: the app sees `queued`, then callbacks.
    queueMicrotask(() => this.#deliver(record, callback));
    return answer;
  }

  fetch(sid: string): TwilioMessageRecord {
    const record = this.#messages.get(sid);
    if (record === undefined) {
      throw new TwilioError(
        404,
        20404,
        `The requested resource /2010-04-01/Accounts/${this.#d.accountSid}/Messages/${sid}.json was not found`,
      );
    }
    return record;
  }

  /** Newest first, filtered as Twilio's list filters (To, From). */
  list(filter: { to?: string | undefined; from?: string | undefined }): TwilioMessageRecord[] {
    return [...this.#messages.values()]
      .reverse()
      .filter(
        (m) => (filter.to === undefined || m.to === filter.to) && (filter.from === undefined || m.from === filter.from),
      );
  }

  #deliver(record: TwilioMessageRecord, callback: URL | undefined): void {
    const { chaos, clock, scheduler } = this.#d;
    const plan = chaos.plan({ to: record.to, channel: 'sms', purpose: 'login' });
    if (plan.action === 'fail') {
      record.errorCode = 30008;
      this.#settle(record, callback, ['failed']);
      return;
    }
    if (plan.action === 'drop') {
      record.errorCode = 30005;
      this.#settle(record, callback, ['sent', 'undelivered']);
      return;
    }
    if (plan.delayMs > 0) {
      // Sent at once, delivered when the delay is over (on the relay's clock).
      this.#settle(record, callback, ['sent']);
      this.#held.set(record.sid, { record, folder: plan.folder, callback });
      scheduler.schedule(DELIVER, record.sid, clock.now() + plan.delayMs);
      return;
    }
    this.#land(record, plan.folder, callback, ['sent']);
  }

  /** Into the inbox through the MessageReceiver; then `delivered`. */
  #land(
    record: TwilioMessageRecord,
    folder: 'inbox' | 'spam',
    callback: URL | undefined,
    before: MessageStatus[],
  ): void {
    this.#d.receiver.receive({
      source: 'twilio',
      channel: 'sms',
      from: record.from ?? record.messagingServiceSid ?? 'Twilio',
      to: record.to,
      text: record.body,
      folder,
    });
    this.#settle(record, callback, [...before, 'delivered']);
  }

  /** The record takes the last of `steps`; each step is posted to the status callback, in order. */
  #settle(record: TwilioMessageRecord, callback: URL | undefined, steps: MessageStatus[]): void {
    const now = this.#d.clock.now();
    record.updatedAt = now;
    if (steps.includes('sent')) record.sentAt = now;
    record.status = steps[steps.length - 1] ?? record.status;
    if (callback !== undefined) void this.#callBack(record, callback, steps);
  }

  async #callBack(record: TwilioMessageRecord, url: URL, steps: MessageStatus[]): Promise<void> {
    const post = this.#d.fetch ?? fetch;
    for (const status of steps) {
      const form = new URLSearchParams({
        AccountSid: this.#d.accountSid,
        ApiVersion: '2010-04-01',
        MessageSid: record.sid,
        SmsSid: record.sid,
        MessageStatus: status,
        SmsStatus: status,
        To: record.to,
        ...(record.from === null ? {} : { From: record.from }),
        ...(record.messagingServiceSid === null ? {} : { MessagingServiceSid: record.messagingServiceSid }),
        ...(record.errorCode === null || (status !== 'failed' && status !== 'undelivered')
          ? {}
          : { ErrorCode: String(record.errorCode) }),
      });
      try {
        await post(url, { method: 'POST', body: form, redirect: 'manual', signal: AbortSignal.timeout(5000) });
      } catch (error) {
        this.#d.logger.warn({ messageSid: record.sid, err: (error as Error).name }, 'twilio status callback failed');
      }
    }
  }

  #keep(record: TwilioMessageRecord): void {
    this.#messages.set(record.sid, record);
    if (this.#messages.size > MAX_KEPT) {
      const oldest = this.#messages.keys().next().value;
      if (oldest !== undefined) this.#messages.delete(oldest);
    }
  }
}

/** A StatusCallback must be an http(s) URL on this machine (21609 otherwise). */
function loopbackUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TwilioError(400, 21609, 'The StatusCallback URL is not a valid URL.');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new TwilioError(
      400,
      21609,
      'The StatusCallback URL must be a loopback URL (127.0.0.1, localhost or [::1]) on this relay.',
    );
  }
  return url;
}

/** 2010-04-01 API dates: RFC 2822 ("Thu, 24 Aug 2023 05:01:45 +0000"). */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

export function messageJson(record: TwilioMessageRecord, accountSid: string) {
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${record.sid}.json`;
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: record.body,
    date_created: rfc2822(record.createdAt),
    date_sent: record.sentAt === null ? null : rfc2822(record.sentAt),
    date_updated: rfc2822(record.updatedAt),
    direction: 'outbound-api',
    error_code: record.errorCode,
    error_message: null,
    from: record.from,
    messaging_service_sid: record.messagingServiceSid,
    num_media: '0',
    num_segments: String(Math.max(1, Math.ceil(record.body.length / 153))),
    price: null,
    price_unit: 'USD',
    sid: record.sid,
    status: record.status,
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${record.sid}/Media.json` },
    to: record.to,
    uri,
  };
}
