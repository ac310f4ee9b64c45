import { describe, expect, it } from 'vitest';
import { codeDeadlines } from './code-deadlines.ts';

describe('codeDeadlines', () => {
  it.each([
    { sentAt: 0, ttlMs: 600_000, cooldown: 30, expiresAt: 600_000, resendAvailableAt: 30_000 },
    { sentAt: 1_000, ttlMs: 1_000, cooldown: 0, expiresAt: 2_000, resendAvailableAt: 1_000 },
    { sentAt: 5_000, ttlMs: 60_000, cooldown: 120, expiresAt: 65_000, resendAvailableAt: 125_000 },
  ])('a code sent at $sentAt ms (TTL $ttlMs ms, cooldown $cooldown s)', (row) => {
    expect(codeDeadlines(row.sentAt, row.ttlMs, row.cooldown)).toEqual({
      expiresAt: row.expiresAt,
      resendAvailableAt: row.resendAvailableAt,
    });
  });
});
