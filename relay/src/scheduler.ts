import FlatQueue from 'flatqueue';
import type { Clock } from './clock.ts';

/** Node caps a timer at 2^31-1 ms; later deadlines re-arm when the timer fires. */
const MAX_TIMER_MS = 2_147_483_647;
/** On the real clock a mass expiry is drained in slices this long, yielding to I/O in between. */
const SLICE_MS = 5;

interface Task {
  at: number;
  run: () => void;
}

/**
 * Deadlines (code expiry, delayed deliveries, clean-up) in a binary heap with lazy deletion and ONE timer
 * armed for the earliest: nothing ever scans all codes. Re-scheduling or cancelling a key only updates the
 * map; stale heap entries are skipped when they surface. With a test clock the timer is never armed:
 * `runDue()` (called after each advance) fires everything due, synchronously and in deadline order. On the
 * real clock the timer drains in 5 ms slices (then setImmediate), so 100k codes expiring in the same
 * millisecond do not stall the event loop (bench/memory.ts measured it); whoever reads a code meanwhile
 * still sees it expired, because the service checks the deadline itself on every read.
 */
export class Scheduler {
  readonly #clock: Clock;
  readonly #heap = new FlatQueue<string>();
  readonly #tasks = new Map<string, Task>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #immediate: ReturnType<typeof setImmediate> | undefined;
  /**
   * True from the first slice of a drain to its last. Tasks run inside a slice schedule more work (an expiry
   * schedules its clean-up), and re-arming the timer then would start a second drain chain beside this one.
   */
  #draining = false;
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
    this.#drain(Number.POSITIVE_INFINITY);
  }

  /** Runs due tasks for at most `budgetMs`; true when nothing due is left. */
  #drain(budgetMs: number): boolean {
    const now = this.#clock.now();
    const started = performance.now();
    let ran = 0;
    while (this.#heap.length > 0) {
      const at = this.#heap.peekValue() as number;
      if (at > now) break;
      const key = this.#heap.pop() as string;
      const task = this.#tasks.get(key);
      if (task === undefined || task.at !== at) continue; // cancelled or re-scheduled: a stale entry
      this.#tasks.delete(key);
      task.run();
      ran += 1;
      if (ran % 64 === 0 && performance.now() - started > budgetMs) return false;
    }
    this.#arm();
    return true;
  }

  #drainInSlices(): void {
    this.#immediate = undefined;
    if (this.#disposed) return;
    this.#draining = true;
    if (!this.#drain(SLICE_MS)) {
      this.#immediate = setImmediate(() => this.#drainInSlices());
      return;
    }
    this.#draining = false;
    this.#arm();
  }

  #arm(): void {
    if (this.#disposed || this.#clock.isTest || this.#draining) return;
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
      this.#drainInSlices();
    }, delay);
    this.#timer.unref?.();
  }

  #disarm(): void {
    clearImmediate(this.#immediate);
    this.#immediate = undefined;
    this.#draining = false;
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
