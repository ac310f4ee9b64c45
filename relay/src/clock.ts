/**
 * The relay's own clock. Every expiry, cooldown and timestamp on the wire is read from it, so a test clock
 * (advanced by POST /api/v1/clock/advance) moves the whole relay forward at once without anyone sleeping.
 */
export interface Clock {
  readonly isTest: boolean;
  now(): number;
}

export interface TestClock extends Clock {
  readonly isTest: true;
  /** Moves time forward by `ms`; the caller fires whatever fell due. */
  advance(ms: number): number;
}

export function createRealClock(): Clock {
  return { isTest: false, now: () => Date.now() };
}

/** Starts at the wall time and only moves when advanced. */
export function createTestClock(start = Date.now()): TestClock {
  let current = start;
  return {
    isTest: true,
    now: () => current,
    advance(ms) {
      current += ms;
      return current;
    },
  };
}

export function isTestClock(clock: Clock): clock is TestClock {
  return clock.isTest;
}

export function toTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
