import { RelayError } from '@otp-relay/shared';

export interface RateLimitOptions {
  /** How many may go at once before the pace applies. */
  burst: number;
  /** The sustained pace. */
  perMinute: number;
  /** Real monotonic ms. Not the relay's clock: a test clock stands still, and abuse happens in real time. */
  now?: () => number;
}

export interface RateLimit {
  /** Spends one; throws `rate_limited` (429, with the seconds until one is free) when none is left. */
  take(): void;
}

/**
 * A token bucket: `burst` tokens, refilled at `perMinute`. The demo has no token by design, so this one global
 * bucket is what stops a loop of page loads from creating verifications (and memory) without bound.
 */
export function createRateLimit({ burst, perMinute, now = () => performance.now() }: RateLimitOptions): RateLimit {
  const perMs = perMinute / 60_000;
  let tokens = burst;
  let at = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + (t - at) * perMs);
      at = t;
      if (tokens < 1) {
        const retryAfterSeconds = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
        throw new RelayError(
          'rate_limited',
          `The demo is taking too many requests; try again in ${retryAfterSeconds} s.`,
          { retryAfterSeconds },
        );
      }
      tokens -= 1;
    },
  };
}
