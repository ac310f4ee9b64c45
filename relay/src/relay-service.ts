import {
  type ChaosRule,
  type ChaosState,
  type CheckByDestinationRequest,
  type CheckResult,
  type ClockState,
  type CreateVerificationRequest,
  LIMITS,
  type Message,
  RelayError,
  type Verification,
  type VerificationStatus,
} from '@otp-relay/shared';
import type { Logger } from 'pino';
import type { Chaos, DeliveryPlan, SendTarget } from './chaos.ts';
import { type Clock, isTestClock, toTimestamp } from './clock.ts';
import { type CodeHasher, generateCode, randomId } from './codes.ts';
import type { EventLog } from './event-log.ts';
import type { Inbox } from './inbox.ts';
import type { RelayLimits } from './limits.ts';
import type { Scheduler } from './scheduler.ts';
import type { VerificationService } from './service.ts';
import type { DestinationRecord, MessageRecord, RelayStore, VerificationRecord } from './store.ts';

/** How long a verification that left `pending` stays readable by GET before it is forgotten. */
const DEAD_RETENTION_MS = 60 * 60 * 1000;

export interface RelayServiceDeps {
  store: RelayStore;
  inbox: Inbox;
  clock: Clock;
  scheduler: Scheduler;
  events: EventLog;
  chaos: Chaos;
  hasher: CodeHasher;
  limits: RelayLimits;
  logger: Logger;
}

export interface Snapshot {
  messages: Message[];
  verifications: Verification[];
}

const failedByDestination: CheckResult = { valid: false, status: 'pending' };

/** What the scheduler runs, by kind, for a verification id. */
const EXPIRE = 'expire';
const DELIVER = 'deliver';
const FORGET = 'forget';

/** A message held back by a chaos `delay` rule: the code travels with it, as it would in a real SMS queue. */
interface HeldDelivery {
  code: string;
  folder: MessageRecord['folder'];
  /** When it is due: an earlier deadline of the same verification (before a resend) must not release it. */
  at: number;
}

/**
 * The relay's business rules: issuing, delivering, checking and killing codes, and the abuse limits.
 * Synchronous on purpose: a check is decided in one turn of the event loop, so of any number of concurrent
 * correct checks exactly one sees `pending` and wins.
 */
export class RelayService implements VerificationService {
  readonly #d: RelayServiceDeps;
  readonly #held = new Map<string, HeldDelivery>();

  constructor(deps: RelayServiceDeps) {
    this.#d = deps;
    // Each handler checks that its deadline still applies: the scheduler has no cancel (see scheduler.ts).
    const { scheduler, store } = deps;
    scheduler.handle(EXPIRE, (id) => {
      const record = store.getVerification(id);
      if (record !== undefined) this.#expireIfDue(record);
    });
    scheduler.handle(DELIVER, (id, at) => {
      const held = this.#held.get(id);
      const record = store.getVerification(id);
      if (held === undefined || held.at !== at || record === undefined) return;
      this.#held.delete(id);
      this.#deliver(record, held.code, held.folder);
    });
    scheduler.handle(FORGET, (id) => {
      if (store.getVerification(id)?.status !== 'pending') store.deleteVerification(id);
    });
  }

  get clock(): Clock {
    return this.#d.clock;
  }

  create(input: CreateVerificationRequest): Verification {
    const { store, clock, limits } = this.#d;
    const now = clock.now();
    const destination = store.destination(input.to);
    this.#assertSendAllowed(destination, now);
    const plan = this.#plan(input);
    const ttlMs = (input.ttlSeconds ?? limits.ttlSeconds) * 1000;
    const record: VerificationRecord = {
      id: randomId('VE'),
      to: input.to,
      channel: input.channel,
      purpose: input.purpose,
      origin: input.origin,
      status: 'pending',
      codeLength: input.codeLength ?? limits.codeLength,
      ttlMs,
      codeDigest: null,
      attemptsRemaining: LIMITS.maxAttempts,
      sendCount: 1,
      createdAt: now,
      updatedAt: now,
      expiresAt: now + ttlMs,
      resendAvailableAt: now + limits.resendCooldownSeconds * 1000,
      message: null,
    };
    store.putVerification(record);
    recordSend(destination, now);
    this.#issueCode(record, plan);
    this.#d.logger.info(
      { verificationId: record.id, channel: record.channel, purpose: record.purpose, delivery: plan.action },
      'verification created',
    );
    return toVerification(record);
  }

  get(id: string): Verification {
    return toVerification(this.#find(id));
  }

  check(id: string, code: string): CheckResult {
    const record = this.#find(id);
    const destination = this.#assertNotLocked(record.to);
    return this.#check(record, code, destination);
  }

  checkByDestination({ to, purpose, code }: CheckByDestinationRequest): CheckResult {
    const destination = this.#assertNotLocked(to);
    const record = this.#d.store.verificationsFor(to, purpose).find((candidate) => {
      this.#expireIfDue(candidate);
      return candidate.status === 'pending';
    });
    if (record === undefined) {
      this.#countFailure(to, destination);
      return { ...failedByDestination };
    }
    const result = this.#check(record, code, destination);
    return result.valid ? { valid: true, status: 'approved' } : { ...failedByDestination };
  }

  resend(id: string): Verification {
    const { store, clock, limits } = this.#d;
    const record = this.#find(id);
    const now = clock.now();
    this.#expireIfDue(record);
    if (record.status !== 'pending') {
      throw new RelayError(
        'verification_not_found',
        `Verification ${id} is ${record.status}; only a pending verification can be resent. Start a new one.`,
      );
    }
    if (now < record.resendAvailableAt) {
      const retryAfterSeconds = Math.ceil((record.resendAvailableAt - now) / 1000);
      throw new RelayError('resend_cooldown', `Wait ${retryAfterSeconds} s before sending another code.`, {
        retryAfterSeconds,
      });
    }
    const destination = store.destination(record.to);
    this.#assertSendAllowed(destination, now);
    const plan = this.#plan(record);
    // The old code dies only once the new one is on its way: a failed send leaves it alive.
    this.#removeMessages(record);
    recordSend(destination, now);
    record.sendCount += 1;
    record.updatedAt = now;
    record.expiresAt = now + record.ttlMs;
    record.resendAvailableAt = now + limits.resendCooldownSeconds * 1000;
    this.#issueCode(record, plan);
    this.#d.logger.info({ verificationId: record.id, delivery: plan.action }, 'verification resent');
    return toVerification(record);
  }

  cancel(id: string): Verification {
    const record = this.#find(id);
    this.#expireIfDue(record);
    if (record.status === 'pending') this.#end(record, 'canceled', this.#d.clock.now());
    return toVerification(record);
  }

  // Inbox side and test controls.

  snapshot(): Snapshot {
    return {
      messages: this.#d.inbox.list({}),
      verifications: this.#d.store
        .verifications()
        .filter((record) => record.status === 'pending')
        .map(toVerification),
    };
  }

  setChaos(rules: ChaosRule[]): ChaosState {
    return this.#d.chaos.set(rules);
  }

  chaosState(): ChaosState {
    return this.#d.chaos.state();
  }

  clockState(): ClockState {
    return { now: toTimestamp(this.#d.clock.now()), testClock: this.#d.clock.isTest };
  }

  /** Moves the test clock and fires, in order, everything that fell due (expiry, delayed deliveries). */
  advanceClock(ms: number): ClockState {
    const { clock, scheduler, events } = this.#d;
    if (!isTestClock(clock)) {
      throw new RelayError('test_clock_disabled', 'The relay runs on the real clock; start it with --test-clock.');
    }
    clock.advance(ms);
    scheduler.runDue();
    events.publish('clock', { now: toTimestamp(clock.now()) });
    return this.clockState();
  }

  /** Forgets every verification, message, counter and chaos rule. The clock keeps its time. */
  reset(): void {
    const { store, scheduler, chaos, events } = this.#d;
    store.clear();
    scheduler.clear();
    this.#held.clear();
    chaos.clear();
    events.forget();
    events.publish('reset', {});
    this.#d.logger.info('state reset');
  }

  #find(id: string): VerificationRecord {
    const record = this.#d.store.getVerification(id);
    if (record === undefined) throw new RelayError('verification_not_found', `No verification ${id}.`);
    return record;
  }

  #plan(target: SendTarget): Exclude<DeliveryPlan, { action: 'fail' }> {
    const plan = this.#d.chaos.plan(target);
    if (plan.action === 'fail') {
      throw new RelayError('delivery_failed', `The ${target.channel} provider refused the message (chaos rule).`);
    }
    return plan;
  }

  #assertSendAllowed(destination: DestinationRecord, now: number): void {
    const { sendsPerWindow, sendWindowSeconds } = this.#d.limits;
    const windowStart = now - sendWindowSeconds * 1000;
    while (destination.sends.length > 0 && (destination.sends[0] as number) <= windowStart) destination.sends.shift();
    if (destination.sends.length >= sendsPerWindow) {
      const oldest = destination.sends[0] as number;
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest - windowStart) / 1000));
      throw new RelayError(
        'send_limit_reached',
        `At most ${sendsPerWindow} codes per destination every ${sendWindowSeconds} s.`,
        { retryAfterSeconds },
      );
    }
  }

  #assertNotLocked(to: string): DestinationRecord {
    const destination = this.#d.store.destination(to);
    const now = this.#d.clock.now();
    if (destination.lockedUntil > now) {
      const retryAfterSeconds = Math.ceil((destination.lockedUntil - now) / 1000);
      throw new RelayError('destination_locked', 'Too many failed checks for this destination; try again later.', {
        retryAfterSeconds,
      });
    }
    return destination;
  }

  #check(record: VerificationRecord, code: string, destination: DestinationRecord): CheckResult {
    const { hasher, clock } = this.#d;
    this.#expireIfDue(record);
    if (record.status !== 'pending' || record.codeDigest === null) {
      this.#countFailure(record.to, destination);
      return { valid: false, status: record.status, attemptsRemaining: record.attemptsRemaining };
    }
    const now = clock.now();
    if (hasher.matches(record.id, code, record.codeDigest)) {
      destination.consecutiveFailures = 0;
      this.#end(record, 'approved', now);
      return { valid: true, status: 'approved', attemptsRemaining: record.attemptsRemaining };
    }
    this.#countFailure(record.to, destination);
    record.attemptsRemaining -= 1;
    if (record.attemptsRemaining <= 0) {
      this.#end(record, 'max_attempts_reached', now);
    } else {
      record.updatedAt = now;
      this.#d.events.publish('verification', toVerification(record));
    }
    return { valid: false, status: record.status, attemptsRemaining: record.attemptsRemaining };
  }

  #countFailure(to: string, destination: DestinationRecord): void {
    const { lockoutThreshold, lockoutSeconds } = this.#d.limits;
    destination.consecutiveFailures += 1;
    if (destination.consecutiveFailures >= lockoutThreshold) {
      destination.consecutiveFailures = 0;
      destination.lockedUntil = this.#d.clock.now() + lockoutSeconds * 1000;
      this.#d.logger.warn({ lockoutSeconds, toLength: to.length }, 'destination locked after repeated failed checks');
    }
  }

  /** Generates and stores a fresh code for `record`, then delivers it as the plan says. */
  #issueCode(record: VerificationRecord, plan: Exclude<DeliveryPlan, { action: 'fail' }>): void {
    const { hasher, scheduler, events, clock } = this.#d;
    const code = generateCode(record.codeLength);
    record.codeDigest = hasher.hash(record.id, code);
    scheduler.schedule(EXPIRE, record.id, record.expiresAt);
    events.publish('verification', toVerification(record));
    if (plan.action === 'drop') return;
    if (plan.delayMs > 0) {
      const at = clock.now() + plan.delayMs;
      this.#held.set(record.id, { code, folder: plan.folder, at });
      scheduler.schedule(DELIVER, record.id, at);
    } else {
      this.#deliver(record, code, plan.folder);
    }
  }

  #deliver(record: VerificationRecord, code: string, folder: MessageRecord['folder']): void {
    if (record.status !== 'pending' || record.codeDigest === null) return;
    const message: MessageRecord = {
      id: randomId('MS'),
      verificationId: record.id,
      to: record.to,
      code,
      folder,
      createdAt: this.#d.clock.now(),
    };
    this.#d.events.publish('message', this.#d.inbox.add(message, record));
  }

  #expireIfDue(record: VerificationRecord): void {
    if (record.status === 'pending' && this.#d.clock.now() >= record.expiresAt) {
      this.#end(record, 'expired', record.expiresAt);
    }
  }

  /** The code dies: status changes, its messages leave the inbox, nothing of it is scheduled any more. */
  #end(record: VerificationRecord, status: Exclude<VerificationStatus, 'pending'>, at: number): void {
    const { scheduler, events } = this.#d;
    record.status = status;
    record.codeDigest = null;
    record.updatedAt = at;
    const messageIds = this.#removeMessages(record);
    events.publish('verification', toVerification(record));
    if (status === 'expired') events.publish('expired', { verificationId: record.id, messageIds });
    scheduler.schedule(FORGET, record.id, at + DEAD_RETENTION_MS);
    this.#d.logger.info({ verificationId: record.id, status }, 'verification ended');
  }

  #removeMessages(record: VerificationRecord): string[] {
    this.#held.delete(record.id);
    return this.#d.inbox.removeOf(record.id);
  }
}

/**
 * Counts a send against the destination's window. The first send makes a one-element array: pushing onto an
 * empty one reserves room for 17 numbers (~150 B), and most destinations are sent to once (bench figure 4).
 */
function recordSend(destination: DestinationRecord, now: number): void {
  if (destination.sends.length === 0) destination.sends = [now];
  else destination.sends.push(now);
}

export function toVerification(record: VerificationRecord): Verification {
  return {
    id: record.id,
    to: record.to,
    channel: record.channel,
    purpose: record.purpose,
    origin: record.origin,
    status: record.status,
    codeLength: record.codeLength,
    attemptsRemaining: record.attemptsRemaining,
    sendCount: record.sendCount,
    createdAt: toTimestamp(record.createdAt),
    updatedAt: toTimestamp(record.updatedAt),
    expiresAt: toTimestamp(record.expiresAt),
    resendAvailableAt: toTimestamp(record.resendAvailableAt),
  };
}
