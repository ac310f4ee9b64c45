import { RelayError } from '@otp-relay/shared';
import { describe, expect, it } from 'vitest';
import { createRateLimit } from './rate-limit.ts';

function refusal(take: () => void): RelayError | undefined {
  try {
    take();
    return undefined;
  } catch (error) {
    if (error instanceof RelayError) return error;
    throw error;
  }
}

describe('the demo rate limit', () => {
  it('lets a burst through, then refuses with 429 and the seconds until the next one is free', () => {
    let now = 0;
    const limit = createRateLimit({ burst: 3, perMinute: 6, now: () => now });
    for (let i = 0; i < 3; i++) expect(refusal(limit.take)).toBeUndefined();
    const refused = refusal(limit.take);
    expect(refused).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 10 });
    now += 4_000;
    expect(refusal(limit.take)?.retryAfterSeconds).toBe(6);
  });

  it.each([
    ['one pace step later, one more goes', 10_000, 1],
    ['half a step later, none', 5_000, 0],
    ['an hour later, only the burst (it does not save up)', 3_600_000, 3],
  ])('%s', (_name, wait, allowed) => {
    let now = 0;
    const limit = createRateLimit({ burst: 3, perMinute: 6, now: () => now });
    for (let i = 0; i < 3; i++) limit.take();
    now += wait;
    let taken = 0;
    while (refusal(limit.take) === undefined) taken += 1;
    expect(taken).toBe(allowed);
  });

  it('never asks for less than a second', () => {
    let now = 0;
    const limit = createRateLimit({ burst: 1, perMinute: 600_000, now: () => now });
    limit.take();
    now += 0.05;
    expect(refusal(limit.take)?.retryAfterSeconds).toBe(1);
  });
});
