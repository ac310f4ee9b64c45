import { RelayError } from '@otp-relay/shared';

/** A delivery's signature or event id is remembered this long: twice the ±5 minutes a timestamp may be off. */
export const REPLAY_WINDOW_MS = 10 * 60_000;
/** Per device: a forwarder sends one request per SMS; a thousand within ten minutes is no phone. */
const MAX_REMEMBERED = 1000;

/**
 * Per device: refuses a replayed delivery (same signature or event id within ten minutes, bounded memory) and
 * more than `perMinute` requests in a sliding minute.
 */
export class DeliveryGuard {
  readonly #seen = new Map<string, Map<string, number>>();
  readonly #hits = new Map<string, number[]>();
  readonly #perMinute: number;

  constructor(perMinute = 60) {
    this.#perMinute = perMinute;
  }

  /** Counts a request against the device's pace; throws 429 past it. */
  pace(deviceId: string, now: number): void {
    const hits = (this.#hits.get(deviceId) ?? []).filter((at) => at > now - 60_000);
    if (hits.length >= this.#perMinute) {
      const retry = Math.max(1, Math.ceil(((hits[0] ?? now) + 60_000 - now) / 1000));
      this.#hits.set(deviceId, hits);
      throw new RelayError('rate_limited', `This phone sent more than ${this.#perMinute} requests in a minute.`, {
        retryAfterSeconds: retry,
      });
    }
    hits.push(now);
    this.#hits.set(deviceId, hits);
  }

  /** Throws when `key` was seen for this device within the window; otherwise remembers it. */
  once(deviceId: string, key: string, now: number): void {
    const seen = this.#seen.get(deviceId) ?? new Map<string, number>();
    for (const [k, at] of seen) {
      if (at > now - REPLAY_WINDOW_MS && seen.size <= MAX_REMEMBERED) break;
      seen.delete(k);
    }
    if (seen.has(key)) throw new RelayError('unauthorized', 'This request was already delivered (a replay).');
    seen.set(key, now);
    this.#seen.set(deviceId, seen);
  }

  forget(deviceId: string): void {
    this.#seen.delete(deviceId);
    this.#hits.delete(deviceId);
  }
}
