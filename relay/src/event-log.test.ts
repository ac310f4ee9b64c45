import { describe, expect, it } from 'vitest';
import { createTestClock } from './clock.ts';
import { EventLog } from './event-log.ts';

/*
 * The history a reconnecting client resumes from: exactly the events after its cursor while they are kept,
 * null (so it gets a snapshot) as soon as one of them is gone.
 */
const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const tick = (log: EventLog) => log.publish('clock', { now: '2026-03-01T09:00:00.000Z' });
const seqs = (events: { seq: number }[] | null) => events?.map((event) => event.seq) ?? null;

describe('EventLog', () => {
  it('numbers events 1, 2, 3 in its epoch, stamped with the clock, and tells each to its subscribers', () => {
    const clock = createTestClock(T0);
    const log = new EventLog(clock, 10, '0123456789abcdef');
    const told: number[] = [];
    const off = log.subscribe((event) => told.push(event.seq));
    expect(log.seq).toBe(0);
    const first = tick(log);
    clock.advance(1500);
    const second = log.publish('reset', {});
    expect(first).toMatchObject({ type: 'clock', seq: 1, epoch: '0123456789abcdef', now: '2026-03-01T09:00:00.000Z' });
    expect(second).toMatchObject({ type: 'reset', seq: 2, now: '2026-03-01T09:00:01.500Z', data: {} });
    off();
    tick(log);
    expect(told).toEqual([1, 2]);
    expect(log.seq).toBe(3);
  });

  it('a new log names a new epoch of 16 hex digits', () => {
    const a = new EventLog(createTestClock(T0)).epoch;
    const b = new EventLog(createTestClock(T0)).epoch;
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(b).not.toBe(a);
  });

  it('frames that are not events carry the latest seq and take none', () => {
    const log = new EventLog(createTestClock(T0), 10);
    tick(log);
    tick(log);
    expect(log.frame('pong', {})).toMatchObject({ type: 'pong', seq: 2 });
    expect(log.frame('hello', { relayVersion: '1', pingIntervalMs: 1 }).seq).toBe(2);
    expect(tick(log).seq).toBe(3);
    expect(seqs(log.since(0))).toEqual([1, 2, 3]);
  });

  it('gives what came after a cursor, nothing at the head, and null for a cursor ahead of it', () => {
    const log = new EventLog(createTestClock(T0), 10);
    for (let i = 0; i < 5; i++) tick(log);
    expect(seqs(log.since(0))).toEqual([1, 2, 3, 4, 5]);
    expect(seqs(log.since(3))).toEqual([4, 5]);
    expect(log.since(5)).toEqual([]);
    expect(log.since(6)).toBeNull();
  });

  it('keeps the last `capacity` events: a cursor just inside them is replayed, one further back gets null', () => {
    const log = new EventLog(createTestClock(T0), 3);
    for (let i = 0; i < 5; i++) tick(log);
    // Kept: 3, 4, 5. From 2 on nothing is missing; from 1 on, event 2 is gone.
    expect(seqs(log.since(2))).toEqual([3, 4, 5]);
    expect(log.since(1)).toBeNull();
    expect(log.since(0)).toBeNull();
  });

  it('keeps exactly capacity events, not one fewer', () => {
    const log = new EventLog(createTestClock(T0), 3);
    for (let i = 0; i < 3; i++) tick(log);
    expect(seqs(log.since(0))).toEqual([1, 2, 3]);
  });

  it('after forget (reset), any cursor behind the head gets null; the head itself and new events go on', () => {
    const log = new EventLog(createTestClock(T0), 10);
    for (let i = 0; i < 3; i++) tick(log);
    log.forget();
    expect(log.since(0)).toBeNull();
    expect(log.since(2)).toBeNull();
    expect(log.since(3)).toEqual([]);
    tick(log);
    expect(seqs(log.since(3))).toEqual([4]);
    expect(log.since(2)).toBeNull();
  });
});
