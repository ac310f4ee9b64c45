import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRealClock, createTestClock } from './clock.ts';
import { Scheduler } from './scheduler.ts';

describe('Scheduler', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('fires what fell due on runDue, earliest first, each once', () => {
    const clock = createTestClock(1000);
    const scheduler = new Scheduler(clock);
    const fired: string[] = [];
    scheduler.handle('one', (id) => fired.push(`one:${id}`));
    scheduler.handle('two', (id) => fired.push(`two:${id}`));
    for (const [kind, id, at] of [
      ['one', 'c', 1300],
      ['two', 'a', 1100],
      ['one', 'b', 1200],
      ['two', 'd', 5000],
      ['one', 'a', 1280],
    ] as const) {
      scheduler.schedule(kind, id, at);
    }
    clock.advance(250);
    scheduler.runDue();
    expect(fired).toEqual(['two:a', 'one:b']);
    clock.advance(50);
    scheduler.runDue();
    scheduler.runDue();
    expect(fired).toEqual(['two:a', 'one:b', 'one:a', 'one:c']);
    expect(scheduler.size).toBe(1);
  });

  it('tells each handler the id and the deadline, so a moved deadline can ignore its old entry', () => {
    const clock = createTestClock(0);
    const scheduler = new Scheduler(clock);
    const deadline = new Map<string, number>();
    const fired: string[] = [];
    scheduler.handle('k', (id, at) => {
      if (deadline.get(id) === at) fired.push(`${id}@${clock.now()}`);
    });
    scheduler.handle('other', (id) => fired.push(`other:${id}`));
    const schedule = (id: string, at: number) => {
      deadline.set(id, at);
      scheduler.schedule('k', id, at);
    };
    schedule('x', 10);
    schedule('x', 30); // moved: the entry at 10 still fires, and is ignored
    schedule('y', 20);
    deadline.delete('y'); // dropped
    scheduler.schedule('other', 'y', 20);
    clock.advance(25);
    scheduler.runDue();
    expect(fired).toEqual(['other:y']);
    clock.advance(5);
    scheduler.runDue();
    expect(fired).toEqual(['other:y', 'x@30']);
    expect(scheduler.size).toBe(0);
  });

  it('on the real clock, one timer fires each deadline on time, not early', async () => {
    const clock = createRealClock();
    const scheduler = new Scheduler(clock);
    const start = clock.now();
    const lateness: number[] = [];
    const done = new Promise<void>((resolve) => {
      scheduler.handle('t', (id) => {
        lateness.push(clock.now() - (start + Number(id)));
        if (lateness.length === 3) resolve();
      });
    });
    for (const delay of [120, 40, 80]) scheduler.schedule('t', String(delay), start + delay);
    await done;
    for (const late of lateness) {
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(1000);
    }
    scheduler.dispose();
  });

  it('on the real clock, a mass expiry yields to the event loop between slices, and still fires every task in order', async () => {
    const clock = createRealClock();
    const scheduler = new Scheduler(clock);
    const at = clock.now() + 20;
    const order: number[] = [];
    const total = 20_000;
    const done = new Promise<void>((resolve) => {
      scheduler.handle('k', (id) => {
        const spin = performance.now() + 0.01; // ~10 µs of work per expiry: 200 ms in all
        while (performance.now() < spin);
        order.push(at + (Number(id) % 3));
        if (order.length === total) resolve();
      });
    });
    for (let i = 0; i < total; i++) scheduler.schedule('k', String(i), at + (i % 3));
    let firedWhenOtherTimerRan = -1;
    setTimeout(() => {
      firedWhenOtherTimerRan = order.length;
    }, 25);
    await done;
    expect(firedWhenOtherTimerRan).toBeGreaterThan(0);
    expect(firedWhenOtherTimerRan).toBeLessThan(total);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    scheduler.dispose();
  });

  it('on the real clock, runs ONE drain chain even when the tasks it fires schedule more tasks', async () => {
    // Regression (bench figure 4): each expiry schedules its clean-up, and that used to re-arm a 0 ms timer
    // mid-drain, so ~19 chains of 5 ms slices ran side by side and the loop stalled for 100 ms.
    let pending = 0;
    let peak = 0;
    let slices = 0;
    const original = globalThis.setImmediate;
    vi.spyOn(globalThis, 'setImmediate').mockImplementation(((callback: () => void) => {
      pending += 1;
      slices += 1;
      peak = Math.max(peak, pending);
      return original(() => {
        pending -= 1;
        callback();
      });
    }) as typeof setImmediate);
    const clock = createRealClock();
    const scheduler = new Scheduler(clock);
    const at = clock.now() + 20;
    const total = 20_000;
    let fired = 0;
    scheduler.handle('forget', () => {});
    const done = new Promise<void>((resolve) => {
      scheduler.handle('expire', (id) => {
        const spin = performance.now() + 0.01;
        while (performance.now() < spin);
        scheduler.schedule('forget', id, at + 3_600_000);
        fired += 1;
        if (fired === total) resolve();
      });
    });
    for (let i = 0; i < total; i++) scheduler.schedule('expire', String(i), at);
    await done;
    expect(slices).toBeGreaterThan(1); // the drain really was sliced
    expect(peak).toBe(1);
    expect(scheduler.size).toBe(total); // the clean-ups wait for their own deadline
    scheduler.dispose();
  });
});
