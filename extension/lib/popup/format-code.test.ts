import { describe, expect, it } from 'vitest';
import { formatRemaining, groupDigits } from './format-code.ts';

describe('groupDigits', () => {
  it.each([
    ['1234', ['1234']],
    ['12345', ['12345']],
    ['123456', ['123', '456']],
    ['1234567', ['123', '4567']],
    ['12345678', ['1234', '5678']],
    ['123456789', ['123', '456', '789']],
    ['1234567890', ['123', '456', '7890']],
  ])('%s → %o', (code, groups) => {
    expect(groupDigits(code)).toEqual(groups);
  });
});

describe('formatRemaining', () => {
  it.each([
    [600_000, '10:00'],
    [59_001, '1:00'],
    [59_000, '0:59'],
    [1, '0:01'],
    [0, '0:00'],
    [-5_000, '0:00'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
  });
});
