import { type Channel, type Folder, isE164Phone, isEmailAddress, LIMITS, type Verification } from '@otp-relay/shared';
import type { Logger } from 'pino';
import type { Chaos } from '../chaos.ts';
import { type Clock, toTimestamp } from '../clock.ts';
import { type CodeDigest, type CodeHasher, generateCode, randomId } from '../codes.ts';
import type { EventLog } from '../event-log.ts';
import type { Inbox } from '../inbox/inbox.ts';
import type { MessageReceiver } from '../inbox/message-receiver.ts';
import type { Scheduler } from '../scheduler.ts';
import { invalidParameter, notFound, TwilioError } from './twilio-error.ts';
import { originFor, type TwilioOrigins } from './twilio-origins.ts';
import { VerifyCodeMessage } from './verify-code-message.ts';

/** Twilio Verify's fixed rules (https://www.twilio.com/docs/verify/api/verification). */
export const VERIFY_RULES = {
  /** A code lives 10 minutes; a new create for the same `To` inside them re-sends the same code. */
  ttlMs: 10 * 60 * 1000,
  /** The 6th check of one verification is refused with 60202. */
  maxChecks: 5,
  /** The 6th send of one verification is refused with 60203. */
  maxSends: 5,
} as const;

export const VERIFY_CHANNELS = ['sms', 'email', 'whatsapp', 'call'] as const;
export type VerifyChannel = (typeof VERIFY_CHANNELS)[number];
export type VerifyStatus = 'pending' | 'approved' | 'canceled' | 'max_attempts_reached' | 'expired';

export interface VerifyServiceRecord {
  sid: string;
  friendlyName: string;
  codeLength: number;
  createdAt: number;
  updatedAt: number;
}

export interface SendAttempt {
  sid: string;
  channel: VerifyChannel;
  at: number;
}

export interface VerifyRecord {
  sid: string;
  serviceSid: string;
  to: string;
  channel: VerifyChannel;
  status: VerifyStatus;
  /** HMAC of the code: what checks compare against (constant time). */
  digest: CodeDigest;
  /**
   * The code in clear while pending, and only because Twilio's rule needs it: a new create for the same `To`
   * re-sends the SAME code. The inbox serves it anyway; it is dropped the moment the verification ends.
   */
  code: string | null;
  checks: number;
  sends: SendAttempt[];
  amount: string | null;
  payee: string | null;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  /** Its live message, when bound to an origin (a relay-issued entry the state machine removes). */
  entry: VerifyCodeMessage | null;
}

export interface TwilioVerifyDeps {
  accountSid: string;
  origins: TwilioOrigins;
  inbox: Inbox;
  receiver: MessageReceiver;
  clock: Clock;
  scheduler: Scheduler;
  events: EventLog;
  chaos: Chaos;
  hasher: CodeHasher;
  logger: Logger;
}

export interface CreateVerificationInput {
  to: string;
  channel: VerifyChannel;
  customCode?: string | undefined;
  amount?: string | undefined;
  payee?: string | undefined;
}

export type CheckTarget = { to: string } | { verificationSid: string };

/** Past this many live verifications the oldest ended ones are forgotten first (a bound, not a Twilio rule). */
const MAX_RECORDS = 50_000;
const DELIVER = 'twilio-verify-deliver';

/**
 * Twilio Verify v2 as a state machine of its own, with Twilio's rules rather than the relay's API's (see
 * VERIFY_RULES): same code on a repeated create, no resend cooldown, 5 checks and 5 sends per verification.
 * Its codes reach the inbox, the stream and the extension like the relay's own: for a service bound to an
 * origin as a relay-issued message for that exact origin; otherwise as the SMS text Twilio would send,
 * through the MessageReceiver, where the intake's binding rules decide the site. Runs on the relay's clock
 * (test clock included) and obeys the chaos rules (drop, delay, spam, fail).
 */
export class TwilioVerify {
  readonly #d: TwilioVerifyDeps;
  readonly #services = new Map<string, VerifyServiceRecord>();
  /** Verifications by SID, oldest first. */
  readonly #records = new Map<string, VerifyRecord>();
  /** `serviceSid \0 to` → the newest verification for it. */
  readonly #latest = new Map<string, VerifyRecord>();
  /** Verification SID → the delivery a chaos delay holds back (its folder). */
  readonly #held = new Map<string, Folder>();

  constructor(deps: TwilioVerifyDeps) {
    this.#d = deps;
    deps.scheduler.handle(DELIVER, (sid) => {
      const folder = this.#held.get(sid);
      const record = this.#records.get(sid);
      this.#held.delete(sid);
      if (folder !== undefined && record !== undefined && this.#live(record)) this.#deliver(record, folder);
    });
    // POST /api/v1/reset forgets every verification; services are the app's configuration and stay.
    deps.events.subscribe((event) => {
      if (event.type === 'reset') this.clear();
    });
  }

  get accountSid(): string {
    return this.#d.accountSid;
  }

  createService(friendlyName: string, codeLength: number): VerifyServiceRecord {
    const now = this.#d.clock.now();
    const service = { sid: randomId('VA'), friendlyName, codeLength, createdAt: now, updatedAt: now };
    this.#services.set(service.sid, service);
    this.#d.logger.info({ serviceSid: service.sid }, 'twilio verify service created');
    return service;
  }

  service(sid: string): VerifyServiceRecord {
    const service = this.#services.get(sid);
    if (service === undefined) throw notFound(`/Services/${sid}`);
    return service;
  }

  services(): VerifyServiceRecord[] {
    return [...this.#services.values()];
  }

  originOf(service: VerifyServiceRecord): string | undefined {
    return originFor(this.#d.origins, service.sid, service.friendlyName);
  }

  create(serviceSid: string, input: CreateVerificationInput): VerifyRecord {
    const { clock, chaos, hasher } = this.#d;
    const service = this.service(serviceSid);
    validateTo(input.to, input.channel);
    if (input.customCode !== undefined && !/^[0-9]{4,10}$/.test(input.customCode)) {
      throw invalidParameter('CustomCode', 'must be 4 to 10 digits');
    }
    const now = clock.now();
    const key = `${serviceSid}\0${input.to}`;
    const current = this.#latest.get(key);
    const repeat = current !== undefined && this.#live(current) ? current : undefined;
    if (repeat !== undefined && repeat.sends.length >= VERIFY_RULES.maxSends) {
      throw new TwilioError(429, 60203, 'Max send attempts reached');
    }
    const plan = chaos.plan({ to: input.to, channel: messageChannel(input.channel), purpose: 'login' });
    if (plan.action === 'fail') throw new TwilioError(503, 20503, 'Service is unavailable. Please try again');

    let record: VerifyRecord;
    if (repeat !== undefined) {
      record = repeat;
      record.channel = input.channel;
      record.updatedAt = now;
    } else {
      const sid = randomId('VE');
      const code = input.customCode ?? generateCode(service.codeLength);
      record = {
        sid,
        serviceSid,
        to: input.to,
        channel: input.channel,
        status: 'pending',
        digest: hasher.hash(sid, code),
        code,
        checks: 0,
        sends: [],
        amount: input.amount ?? null,
        payee: input.payee ?? null,
        createdAt: now,
        updatedAt: now,
        expiresAt: now + VERIFY_RULES.ttlMs,
        entry: null,
      };
      if (current !== undefined && current.status === 'pending') this.#end(current, 'canceled');
      this.#remember(record);
      this.#latest.set(key, record);
    }
    record.sends.push({ sid: randomId('VL'), channel: input.channel, at: now });
    this.#publish(record);
    if (plan.action === 'deliver') {
      if (plan.delayMs > 0) {
        this.#held.set(record.sid, plan.folder);
        this.#d.scheduler.schedule(DELIVER, record.sid, now + plan.delayMs);
      } else {
        this.#deliver(record, plan.folder);
      }
    }
    this.#d.logger.info(
      { verificationSid: record.sid, channel: record.channel, sends: record.sends.length, delivery: plan.action },
      'twilio verification sent',
    );
    return record;
  }

  fetch(serviceSid: string, sid: string): VerifyRecord {
    const record = this.#records.get(sid);
    if (record === undefined || record.serviceSid !== serviceSid)
      throw notFound(`/Services/${serviceSid}/Verifications/${sid}`);
    this.#expireIfDue(record);
    // Twilio forgets a verification once it is approved, canceled or expired.
    if (record.status !== 'pending' && record.status !== 'max_attempts_reached') {
      throw notFound(`/Services/${serviceSid}/Verifications/${sid}`);
    }
    return record;
  }

  update(serviceSid: string, sid: string, status: 'canceled' | 'approved'): VerifyRecord {
    const record = this.fetch(serviceSid, sid);
    if (record.status !== 'pending') throw notFound(`/Services/${serviceSid}/Verifications/${sid}`);
    this.#end(record, status);
    return record;
  }

  /**
   * A wrong code is a 200 with `status: "pending"`, 5 checks use the verification up (the 6th gets 60202),
   * a correct one approves it, and then it is gone (20404), as are expired and canceled ones.
   */
  check(serviceSid: string, target: CheckTarget, code: string): VerifyRecord {
    this.service(serviceSid);
    const where = `/Services/${serviceSid}/VerificationCheck`;
    const record =
      'to' in target ? this.#latest.get(`${serviceSid}\0${target.to}`) : this.#records.get(target.verificationSid);
    if (record === undefined || record.serviceSid !== serviceSid) throw notFound(where);
    this.#expireIfDue(record);
    if (record.status === 'max_attempts_reached') throw new TwilioError(429, 60202, 'Max check attempts reached');
    if (record.status !== 'pending') throw notFound(where);
    record.checks += 1;
    record.updatedAt = this.#d.clock.now();
    if (this.#d.hasher.matches(record.sid, code, record.digest)) {
      this.#end(record, 'approved');
    } else if (record.checks >= VERIFY_RULES.maxChecks) {
      this.#end(record, 'max_attempts_reached');
    } else {
      this.#publish(record);
    }
    return record;
  }

  /** Forgets every verification (POST /api/v1/reset); the inbox clears its own messages. */
  clear(): void {
    this.#records.clear();
    this.#latest.clear();
    this.#held.clear();
  }

  #live(record: VerifyRecord): boolean {
    this.#expireIfDue(record);
    return record.status === 'pending';
  }

  #expireIfDue(record: VerifyRecord): void {
    if (record.status === 'pending' && this.#d.clock.now() >= record.expiresAt) {
      record.status = 'expired';
      record.code = null;
      record.updatedAt = record.expiresAt;
      this.#held.delete(record.sid);
      // Its message leaves the inbox on its own at the same instant (it expires on its own).
    }
  }

  #deliver(record: VerifyRecord, folder: Folder): void {
    const { inbox, receiver, clock } = this.#d;
    const code = record.code;
    if (code === null) return;
    const service = this.service(record.serviceSid);
    const origin = this.originOf(service);
    const channel = messageChannel(record.channel);
    const words = verifyText(service.friendlyName, code);
    const now = clock.now();
    if (origin === undefined) {
      // No origin to bind to: the text as Twilio would send it, and the intake decides the site.
      receiver.receive({
        source: 'twilio',
        channel,
        // The service's name, never an address: a From domain would bind the code to that domain's site.
        from: service.friendlyName,
        to: record.to,
        ...(channel === 'email' ? { subject: `${service.friendlyName} verification code` } : {}),
        text: words,
        folder,
      });
      return;
    }
    if (record.entry !== null) inbox.remove(record.entry);
    const host = new URL(origin).hostname;
    record.entry = new VerifyCodeMessage({
      id: randomId('MS'),
      verificationSid: record.sid,
      channel,
      to: record.to,
      origin,
      from: channel === 'email' ? `no-reply@${host}` : host,
      ...(channel === 'email' ? { subject: `${service.friendlyName} verification code` } : {}),
      // The origin-bound last line, as WebOTP reads it: the code belongs to this host only.
      text: channel === 'sms' ? `${words}\n\n@${host} #${code}` : words,
      code,
      folder,
      receivedAt: now,
      expiresAt: record.expiresAt,
    });
    inbox.add(record.entry);
  }

  #end(record: VerifyRecord, status: Exclude<VerifyStatus, 'pending' | 'expired'>): void {
    record.status = status;
    record.code = null;
    record.updatedAt = this.#d.clock.now();
    this.#held.delete(record.sid);
    if (record.entry !== null) {
      this.#d.inbox.remove(record.entry);
      record.entry = null;
    }
    this.#publish(record);
    this.#d.logger.info({ verificationSid: record.sid, status }, 'twilio verification ended');
  }

  /** Status changes go out on the stream (the extension drops a code whose verification ended). */
  #publish(record: VerifyRecord): void {
    const service = this.#services.get(record.serviceSid);
    const origin = service === undefined ? undefined : this.originOf(service);
    if (origin === undefined) return;
    this.#d.events.publish('verification', toRelayVerification(record, origin, service?.codeLength ?? 6));
  }

  #remember(record: VerifyRecord): void {
    this.#records.set(record.sid, record);
    if (this.#records.size <= MAX_RECORDS) return;
    for (const old of this.#records.values()) {
      if (this.#records.size <= MAX_RECORDS) break;
      if (old.status === 'pending' && this.#d.clock.now() < old.expiresAt) continue;
      this.#records.delete(old.sid);
      const key = `${old.serviceSid}\0${old.to}`;
      if (this.#latest.get(key) === old) this.#latest.delete(key);
    }
  }
}

/** Twilio's SMS text for a Verify code. */
export function verifyText(friendlyName: string, code: string): string {
  return `Your ${friendlyName} verification code is: ${code}`;
}

/** What the inbox calls the channel: a WhatsApp text or a voice call still carries the code to a phone. */
export function messageChannel(channel: VerifyChannel): Channel {
  return channel === 'email' ? 'email' : 'sms';
}

function validateTo(to: string, channel: VerifyChannel): void {
  const ok = channel === 'email' ? isEmailAddress(to) : isE164Phone(to);
  if (!ok) throw invalidParameter('To', to.slice(0, 80));
}

/** The relay's own verification shape, for the stream's `verification` events. */
function toRelayVerification(record: VerifyRecord, origin: string, codeLength: number): Verification {
  const status = record.status === 'expired' ? 'expired' : record.status;
  return {
    id: record.sid,
    to: record.to,
    channel: messageChannel(record.channel),
    purpose: 'login',
    origin,
    status,
    codeLength,
    attemptsRemaining: Math.max(0, Math.min(LIMITS.maxAttempts, VERIFY_RULES.maxChecks - record.checks)),
    sendCount: Math.max(1, record.sends.length),
    createdAt: toTimestamp(record.createdAt),
    updatedAt: toTimestamp(record.updatedAt),
    expiresAt: toTimestamp(record.expiresAt),
    resendAvailableAt: toTimestamp(record.createdAt),
  };
}
