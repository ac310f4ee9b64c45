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
    for (const [key, at] of [
      ['c', 1300],
      ['a', 1100],
      ['b', 1200],
      ['d', 5000],
    ] as const) {
      scheduler.schedule(key, at, () => fired.push(key));
    }
    clock.advance(250);
    scheduler.runDue();
    expect(fired).toEqual(['a', 'b']);
    clock.advance(50);
    scheduler.runDue();
    scheduler.runDue();
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(scheduler.size).toBe(1);
  });

  it('cancels and re-schedules by key (lazy deletion: stale heap entries never fire)', () => {
    const clock = createTestClock(0);
    const scheduler = new Scheduler(clock);
    const fired: string[] = [];
    scheduler.schedule('x', 10, () => fired.push('x@10'));
    scheduler.schedule('x', 30, () => fired.push('x@30'));
    scheduler.schedule('y', 20, () => fired.push('y'));
    scheduler.cancel('y');
    clock.advance(25);
    scheduler.runDue();
    expect(fired).toEqual([]);
    clock.advance(5);
    scheduler.runDue();
    expect(fired).toEqual(['x@30']);
    expect(scheduler.size).toBe(0);
  });

  it('keeps the heap small under many re-schedules of few keys', () => {
    const clock = createTestClock(0);
    const scheduler = new Scheduler(clock);
    let fired = 0;
    for (let i = 0; i < 100_000; i++) scheduler.schedule(`k${i % 10}`, 1_000_000 + i, () => fired++);
    clock.advance(2_000_000);
    scheduler.runDue();
    expect(fired).toBe(10);
  });

  it('on the real clock, one timer fires each deadline on time, not early', async () => {
    const clock = createRealClock();
    const scheduler = new Scheduler(clock);
    const start = clock.now();
    const lateness: number[] = [];
    const done = new Promise<void>((resolve) => {
      for (const delay of [120, 40, 80]) {
        const at = start + delay;
        scheduler.schedule(`t${delay}`, at, () => {
          lateness.push(clock.now() - at);
          if (lateness.length === 3) resolve();
        });
      }
    });
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
      for (let i = 0; i < total; i++) {
        scheduler.schedule(`k${i}`, at + (i % 3), () => {
          const spin = performance.now() + 0.01; // ~10 µs of work per expiry: 200 ms in all
          while (performance.now() < spin);
          order.push(at + (i % 3));
          if (order.length === total) resolve();
        });
      }
    });
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
    const done = new Promise<void>((resolve) => {
      for (let i = 0; i < total; i++) {
        scheduler.schedule(`expire:${i}`, at, () => {
          const spin = performance.now() + 0.01;
          while (performance.now() < spin);
          scheduler.schedule(`forget:${i}`, at + 3_600_000, () => {});
          fired += 1;
          if (fired === total) resolve();
        });
      }
    });
    await done;
    expect(slices).toBeGreaterThan(1); // the drain really was sliced
    expect(peak).toBe(1);
    expect(scheduler.size).toBe(total); // the clean-ups wait for their own deadline
    scheduler.dispose();
  });
});
