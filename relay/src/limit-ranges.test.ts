import { LIMITS } from '@otp-relay/shared';
import { describe, expect, it } from 'vitest';
import { createRelay } from './create-relay.ts';
import { DEFAULT_LIMITS, type RelayLimits, resolveLimits } from './limits.ts';

/** What an embedder (and the CLI, whose limit flags land here) may set, with the range each must stay in. */
const RANGES: [keyof RelayLimits, number, number][] = [
  ['ttlSeconds', LIMITS.ttlSeconds.min, LIMITS.ttlSeconds.max],
  ['codeLength', LIMITS.codeLength.min, LIMITS.codeLength.max],
  ['resendCooldownSeconds', 0, 86_400],
  ['sendsPerWindow', 1, 1_000_000],
  ['sendWindowSeconds', 1, 86_400],
  ['lockoutThreshold', 1, 1_000_000],
  ['lockoutSeconds', 1, 86_400],
  ['maxLiveVerifications', 1, 100_000_000],
  ['maxDestinations', 1, 100_000_000],
];

describe('configured limits are taken within their ranges and refused outside them, by name', () => {
  it('keeps the contract defaults when nothing is overridden', () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ ttlSeconds: undefined })).toEqual(DEFAULT_LIMITS);
  });

  it.each(RANGES)('%s takes both ends of %d–%d and leaves the others alone', (name, min, max) => {
    expect(resolveLimits({ [name]: min })).toEqual({ ...DEFAULT_LIMITS, [name]: min });
    expect(resolveLimits({ [name]: max })).toEqual({ ...DEFAULT_LIMITS, [name]: max });
  });

  it.each(RANGES)('%s refuses one below %d, one above %d and a fraction', (name, min, max) => {
    const refusal = (value: number) => `Limit ${name} must be an integer from ${min} to ${max} (got ${value})`;
    expect(() => resolveLimits({ [name]: min - 1 })).toThrow(refusal(min - 1));
    expect(() => resolveLimits({ [name]: max + 1 })).toThrow(refusal(max + 1));
    expect(() => resolveLimits({ [name]: min + 0.5 })).toThrow(refusal(min + 0.5));
  });

  it('refuses a limit it does not know', () => {
    expect(() => resolveLimits({ maxAttempts: 3 } as Partial<RelayLimits>)).toThrow('Unknown limit "maxAttempts"');
  });

  it('a relay asked for an out-of-range limit does not start, and says which', async () => {
    await expect(createRelay({ port: 0, limits: { lockoutSeconds: 0 } })).rejects.toThrow(
      'Limit lockoutSeconds must be an integer from 1 to 86400 (got 0)',
    );
  });
});
