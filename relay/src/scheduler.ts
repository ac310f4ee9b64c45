import FlatQueue from 'flatqueue';
import type { Clock } from './clock.ts';

/** Node caps a timer at 2^31-1 ms; later deadlines re-arm when the timer fires. */
const MAX_TIMER_MS = 2_147_483_647;

interface Task {
  at: number;
  run: () => void;
}

/**
 * Deadlines (code expiry, delayed deliveries, clean-up) in a binary heap with lazy deletion and ONE timer
 * armed for the earliest: nothing ever scans all codes. Re-scheduling or cancelling a key only updates the
 * map; stale heap entries are skipped when they surface. With a test clock the timer is never armed:
 * `runDue()` (called after each advance) fires everything due, synchronously and in deadline order.
 */
export class Scheduler {
  readonly #clock: Clock;
  readonly #heap = new FlatQueue<string>();
  readonly #tasks = new Map<string, Task>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #disposed = false;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get size(): number {
    return this.#tasks.size;
  }

  /** Runs `run` once the clock reaches `at` (ms). Replaces any task of the same key. */
  schedule(key: string, at: number, run: () => void): void {
    this.#tasks.set(key, { at, run });
    this.#heap.push(key, at);
    if (this.#heap.length > 4 * this.#tasks.size + 1024) this.#compact();
    this.#arm();
  }

  cancel(key: string): void {
    this.#tasks.delete(key);
  }

  clear(): void {
    this.#tasks.clear();
    this.#heap.clear();
    this.#disarm();
  }

  dispose(): void {
    this.#disposed = true;
    this.clear();
  }

  /** Fires every task whose deadline has passed, earliest first. */
  runDue(): void {
    const now = this.#clock.now();
    while (this.#heap.length > 0) {
      const at = this.#heap.peekValue() as number;
      if (at > now) break;
      const key = this.#heap.pop() as string;
      const task = this.#tasks.get(key);
      if (task === undefined || task.at !== at) continue; // cancelled or re-scheduled: a stale entry
      this.#tasks.delete(key);
      task.run();
    }
    this.#arm();
  }

  #arm(): void {
    if (this.#disposed || this.#clock.isTest) return;
    this.#dropStale();
    const next = this.#heap.peekValue();
    if (next === undefined) {
      this.#disarm();
      return;
    }
    if (this.#timer !== undefined && this.#timerAt <= next) return;
    this.#disarm();
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, next - this.#clock.now()));
    this.#timerAt = next;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.runDue();
    }, delay);
    this.#timer.unref?.();
  }

  #disarm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  /** Rebuilds the heap from the live tasks when stale entries pile up (many re-schedules, few deadlines). */
  #compact(): void {
    this.#heap.clear();
    for (const [key, task] of this.#tasks) this.#heap.push(key, task.at);
  }

  /** Pops cancelled entries off the top so the timer is armed for a live deadline. */
  #dropStale(): void {
    while (this.#heap.length > 0) {
      const key = this.#heap.peek() as string;
      const task = this.#tasks.get(key);
      if (task !== undefined && task.at === this.#heap.peekValue()) return;
      this.#heap.pop();
    }
  }
}
