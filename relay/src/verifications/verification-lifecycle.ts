import {
  type CheckByDestinationRequest,
  type CheckResult,
  type CreateVerificationRequest,
  type Folder,
  LIMITS,
  normalizeDestination,
  RelayError,
  type Verification,
  type VerificationStatus,
} from '@otp-relay/shared';
import type { Logger } from 'pino';
import type { Chaos, DeliveryPlan, SendTarget } from '../chaos.ts';
import { type Clock, toTimestamp } from '../clock.ts';
import { type CodeHasher, generateCode, randomId } from '../codes.ts';
import type { EventLog } from '../event-log.ts';
import type { Inbox } from '../inbox/inbox.ts';
import type { RelayLimits } from '../limits.ts';
import type { Scheduler } from '../scheduler.ts';
import type { VerificationService } from '../service.ts';
import type { DestinationRecord, RelayStore, VerificationRecord } from '../store.ts';
import type { AbuseLimits } from './abuse-limits.ts';
import { codeDeadlines } from './code-deadlines.ts';
import { DelayedDeliveries } from './delayed-deliveries.ts';
import { IssuedMessage } from './issued-message.ts';

/** How long a verification that left `pending` stays readable by GET before it is forgotten. */
const DEAD_RETENTION_MS = 60 * 60 * 1000;

export interface VerificationLifecycleDeps {
  store: RelayStore;
  inbox: Inbox;
  clock: Clock;
  scheduler: Scheduler;
  events: EventLog;
  chaos: Chaos;
  hasher: CodeHasher;
  limits: RelayLimits;
  abuse: AbuseLimits;
  logger: Logger;
}

const failedByDestination: CheckResult = { valid: false, status: 'pending' };

/** What the scheduler runs, by kind, for a verification id. */
const EXPIRE = 'expire';
const FORGET = 'forget';

type SendPlan = Exclude<DeliveryPlan, { action: 'fail' }>;

/**
 * Codes this relay issues, from birth to death: create, deliver (now, or later through a chaos delay), check,
 * resend, cancel, expire. The abuse limits are asked before every send and check (abuse-limits.ts).
 * Synchronous on purpose: a check is decided in one turn of the event loop, so of any number of concurrent
 * correct checks exactly one sees `pending` and wins.
 */
export class VerificationLifecycle implements VerificationService {
  readonly #d: VerificationLifecycleDeps;
  readonly deliveries: DelayedDeliveries;

  constructor(deps: VerificationLifecycleDeps) {
    this.#d = deps;
    // Each handler checks that its deadline still applies: the scheduler has no cancel (see scheduler.ts).
    const { scheduler, store } = deps;
    scheduler.handle(EXPIRE, (id) => {
      const record = store.getVerification(id);
      if (record !== undefined) this.#expireIfDue(record);
    });
    // Only an ended verification is ever scheduled to be forgotten (#end), and nothing ends twice.
    scheduler.handle(FORGET, (id) => store.deleteVerification(id));
    this.deliveries = new DelayedDeliveries(scheduler, (id, code, folder) => {
      const record = store.getVerification(id);
      if (record !== undefined) this.#deliver(record, code, folder);
    });
  }

  create(input: CreateVerificationRequest): Verification {
    const { store, clock, limits, abuse } = this.#d;
    const now = clock.now();
    // Memory is bounded by what is live: past the cap nothing new starts (the demo's pace is its own).
    if (store.liveVerificationCount() >= limits.maxLiveVerifications) {
      throw new RelayError(
        'capacity_reached',
        `The relay holds ${limits.maxLiveVerifications} live verifications, its limit; try again when some have ended.`,
        { retryAfterSeconds: 60 },
      );
    }
    const destination = abuse.assertSendAllowed(input.to, now);
    const plan = this.#plan(input);
    const ttlMs = (input.ttlSeconds ?? limits.ttlSeconds) * 1000;
    const record: VerificationRecord = {
      id: randomId('VE'),
      // The schema normalised it already; in-process callers (the demo) may not have.
      to: normalizeDestination(input.to),
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
      ...codeDeadlines(now, ttlMs, limits.resendCooldownSeconds),
      message: null,
    };
    store.putVerification(record);
    abuse.recordSend(destination, now);
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
    const destination = this.#d.abuse.assertNotLocked(record.to) ?? this.#d.abuse.countersOf(record.to);
    return this.#check(record, code, destination);
  }

  checkByDestination({ to: spelled, purpose, code }: CheckByDestinationRequest): CheckResult {
    const { abuse, store } = this.#d;
    const to = normalizeDestination(spelled);
    const destination = abuse.assertNotLocked(to);
    // Newest first: the code a user was sent last is the one they type.
    const record = store.verificationsFor(to, purpose).find((candidate) => {
      this.#expireIfDue(candidate);
      return candidate.status === 'pending';
    });
    if (record === undefined) {
      // Nothing was sent there, so there is nothing to guess and nothing to keep: no counters are made.
      if (destination !== undefined) abuse.countFailure(to, destination);
      return { ...failedByDestination };
    }
    const result = this.#check(record, code, destination ?? abuse.countersOf(to));
    return result.valid ? { valid: true, status: 'approved' } : { ...failedByDestination };
  }

  resend(id: string): Verification {
    const { clock, limits, abuse } = this.#d;
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
    const destination = abuse.assertSendAllowed(record.to, now);
    const plan = this.#plan(record);
    // The old code dies only once the new one is on its way: a failed send leaves it alive.
    this.#removeMessage(record);
    abuse.recordSend(destination, now);
    record.sendCount += 1;
    record.updatedAt = now;
    Object.assign(record, codeDeadlines(now, record.ttlMs, limits.resendCooldownSeconds));
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

  /** Every pending verification (the stream's snapshot). */
  pending(): Verification[] {
    return this.#d.store
      .verifications()
      .filter((record) => record.status === 'pending')
      .map(toVerification);
  }

  #find(id: string): VerificationRecord {
    const record = this.#d.store.getVerification(id);
    if (record === undefined) throw new RelayError('verification_not_found', `No verification ${id}.`);
    return record;
  }

  #plan(target: SendTarget): SendPlan {
    const plan = this.#d.chaos.plan(target);
    if (plan.action === 'fail') {
      throw new RelayError('delivery_failed', `The ${target.channel} provider refused the message (chaos rule).`);
    }
    return plan;
  }

  #check(record: VerificationRecord, code: string, destination: DestinationRecord): CheckResult {
    const { hasher, clock, abuse } = this.#d;
    this.#expireIfDue(record);
    if (record.status !== 'pending' || record.codeDigest === null) {
      abuse.countFailure(record.to, destination);
      return { valid: false, status: record.status, attemptsRemaining: record.attemptsRemaining };
    }
    const now = clock.now();
    if (hasher.matches(record.id, code, record.codeDigest)) {
      abuse.countSuccess(destination);
      this.#end(record, 'approved', now);
      return { valid: true, status: 'approved', attemptsRemaining: record.attemptsRemaining };
    }
    abuse.countFailure(record.to, destination);
    record.attemptsRemaining -= 1;
    if (record.attemptsRemaining <= 0) {
      this.#end(record, 'max_attempts_reached', now);
    } else {
      record.updatedAt = now;
      this.#d.events.publish('verification', toVerification(record));
    }
    return { valid: false, status: record.status, attemptsRemaining: record.attemptsRemaining };
  }

  /**
   * Generates and stores a fresh code for `record`, then delivers it as the plan says. A resent code always
   * differs from the one it replaces, so "the old code dies at once" is observable, never a coin toss.
   */
  #issueCode(record: VerificationRecord, plan: SendPlan): void {
    const { hasher, scheduler, events, clock } = this.#d;
    const previous = record.codeDigest;
    let code = generateCode(record.codeLength);
    while (previous !== null && hasher.matches(record.id, code, previous)) code = generateCode(record.codeLength);
    record.codeDigest = hasher.hash(record.id, code);
    scheduler.schedule(EXPIRE, record.id, record.expiresAt);
    events.publish('verification', toVerification(record));
    if (plan.action === 'drop') return;
    if (plan.delayMs > 0) this.deliveries.hold(record.id, code, plan.folder, clock.now() + plan.delayMs);
    else this.#deliver(record, code, plan.folder);
  }

  #deliver(record: VerificationRecord, code: string, folder: Folder): void {
    if (record.status !== 'pending' || record.codeDigest === null) return;
    const message = new IssuedMessage(randomId('MS'), record, code, folder, this.#d.clock.now());
    record.message = message;
    this.#d.inbox.add(message);
  }

  #expireIfDue(record: VerificationRecord): void {
    if (record.status === 'pending' && this.#d.clock.now() >= record.expiresAt) {
      this.#end(record, 'expired', record.expiresAt);
    }
  }

  /** The code dies: status changes, its message leaves the inbox, nothing of it is scheduled any more. */
  #end(record: VerificationRecord, status: Exclude<VerificationStatus, 'pending'>, at: number): void {
    const { scheduler, events, store } = this.#d;
    // Every caller saw it pending: a verification ends once.
    store.ended(record);
    record.status = status;
    record.codeDigest = null;
    record.updatedAt = at;
    const messageIds = this.#removeMessage(record);
    events.publish('verification', toVerification(record));
    if (status === 'expired') events.publish('expired', { verificationId: record.id, messageIds });
    scheduler.schedule(FORGET, record.id, at + DEAD_RETENTION_MS);
    this.#d.logger.info({ verificationId: record.id, status }, 'verification ended');
  }

  #removeMessage(record: VerificationRecord): string[] {
    this.deliveries.drop(record.id);
    const message = record.message;
    if (message === null) return [];
    record.message = null;
    return this.#d.inbox.remove(message);
  }
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
