import { destinationKey, RelayError } from '@otp-relay/shared';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { RelayLimits } from '../limits.ts';
import type { DestinationRecord, RelayStore } from '../store.ts';

/**
 * The per-destination abuse limits, keyed on `destinationKey` (one mailbox, however it is spelled): a sliding window of sends (create and resend count alike) and a lockout
 * after too many consecutive failed checks. Refusals are RelayErrors with `retryAfterSeconds`.
 */
export class AbuseLimits {
  readonly #store: RelayStore;
  readonly #clock: Clock;
  readonly #limits: RelayLimits;
  readonly #logger: Logger;
  #lastSweep = Number.NEGATIVE_INFINITY;

  constructor(store: RelayStore, clock: Clock, limits: RelayLimits, logger: Logger) {
    this.#store = store;
    this.#clock = clock;
    this.#limits = limits;
    this.#logger = logger;
  }

  /**
   * Throws send_limit_reached when `to` had its sends for the window; returns its counters otherwise, made
   * here if it had none (a send is the only thing that makes them). Throws capacity_reached when the relay
   * already keeps `maxDestinations` counters and none of them is idle.
   */
  assertSendAllowed(to: string, now: number): DestinationRecord {
    const key = destinationKey(to);
    if (this.#store.findDestination(key) === undefined) this.#makeRoom(now);
    const destination = this.#store.destination(key);
    const { sendsPerWindow, sendWindowSeconds } = this.#limits;
    const windowStart = now - sendWindowSeconds * 1000;
    trimSends(destination, windowStart);
    if (destination.sends.length >= sendsPerWindow) {
      const oldest = destination.sends[0] as number;
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest - windowStart) / 1000));
      throw new RelayError(
        'send_limit_reached',
        `At most ${sendsPerWindow} codes per destination every ${sendWindowSeconds} s.`,
        { retryAfterSeconds },
      );
    }
    return destination;
  }

  /**
   * Counts a send against the destination's window. The first send makes a one-element array: pushing onto an
   * empty one reserves room for 17 numbers (~150 B), and most destinations are sent to once (bench figure 4).
   */
  recordSend(destination: DestinationRecord, now: number): void {
    if (destination.sends.length === 0) destination.sends = [now];
    else destination.sends.push(now);
  }

  /** Throws destination_locked while `to` is locked out; returns its counters otherwise (none if never sent to). */
  assertNotLocked(to: string): DestinationRecord | undefined {
    const destination = this.#store.findDestination(destinationKey(to));
    const now = this.#clock.now();
    if (destination !== undefined && destination.lockedUntil > now) {
      const retryAfterSeconds = Math.ceil((destination.lockedUntil - now) / 1000);
      throw new RelayError('destination_locked', 'Too many failed checks for this destination; try again later.', {
        retryAfterSeconds,
      });
    }
    return destination;
  }

  /** The counters of a destination a verification exists for (made again if they were dropped as idle). */
  countersOf(to: string): DestinationRecord {
    return this.#store.destination(destinationKey(to));
  }

  /**
   * Drops idle counters (no send in the window, not locked) once the store holds `maxDestinations`, at most
   * once a second: a sweep is linear, and a flood of new destinations must not make every create pay for one.
   */
  #makeRoom(now: number): void {
    const { maxDestinations, sendWindowSeconds } = this.#limits;
    if (this.#store.destinationCount() < maxDestinations) return;
    if (now - this.#lastSweep >= 1000 || now < this.#lastSweep) {
      this.#lastSweep = now;
      const windowStart = now - sendWindowSeconds * 1000;
      this.#store.forgetDestinations((record) => {
        trimSends(record, windowStart);
        return record.sends.length === 0 && record.lockedUntil <= now;
      });
    }
    if (this.#store.destinationCount() >= maxDestinations) {
      throw new RelayError(
        'capacity_reached',
        `The relay keeps counters for ${maxDestinations} destinations, its limit; try again later.`,
        { retryAfterSeconds: 60 },
      );
    }
  }

  countFailure(to: string, destination: DestinationRecord): void {
    const { lockoutThreshold, lockoutSeconds } = this.#limits;
    destination.consecutiveFailures += 1;
    if (destination.consecutiveFailures >= lockoutThreshold) {
      destination.consecutiveFailures = 0;
      destination.lockedUntil = this.#clock.now() + lockoutSeconds * 1000;
      this.#logger.warn({ lockoutSeconds, toLength: to.length }, 'destination locked after repeated failed checks');
    }
  }

  countSuccess(destination: DestinationRecord): void {
    destination.consecutiveFailures = 0;
  }
}

function trimSends(destination: DestinationRecord, windowStart: number): void {
  while (destination.sends.length > 0 && (destination.sends[0] as number) <= windowStart) destination.sends.shift();
}
