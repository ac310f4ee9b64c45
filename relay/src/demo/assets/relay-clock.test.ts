import { describe, expect, it } from 'vitest';
import { createRelayClock, formatClock } from './relay-clock.ts';

describe('the relay clock as a page sees it', () => {
  it('runs on at real pace between readings of a real clock', () => {
    let local = 1_000;
    const clock = createRelayClock(() => local);
    clock.observe(50_000);
    local += 1_000;
    clock.observe(51_000);
    local += 400;
    expect(clock.now()).toBe(51_400);
  });

  it('stands still between readings of a stopped test clock, and follows its jumps', () => {
    let local = 1_000;
    const clock = createRelayClock(() => local);
    clock.observe(50_000);
    local += 1_000;
    clock.observe(50_000);
    local += 900;
    expect(clock.now()).toBe(50_000);
    local += 1_000;
    clock.observe(650_000);
    expect(clock.now()).toBe(650_000);
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [27, '0:27'],
    [600, '10:00'],
    [5_400, '1:30:00'],
  ])('%i s → %s', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });
});
