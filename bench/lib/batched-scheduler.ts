import FlatQueue from 'flatqueue';
import type { Clock } from '../../relay/src/clock.ts';

/** How long one drain turn may hold the event loop before it yields with setImmediate. */
const TURN_BUDGET_MS = 5;

interface Task {
  at: number;
  run: () => void;
}

/**
 * A PROTOTYPE of the fix proposed for relay/src/scheduler.ts, used only to measure it (figure 4's
 * before/after): the same heap and lazy deletion, but runDue drains in turns of at most ~5 ms, yielding
 * with setImmediate between turns, in deadline order. Test-clock semantics only (no timer arming):
 * `drained()` resolves once everything due has run, which is what an async POST /clock/advance would await.
 */
export class BatchedScheduler {
  readonly #clock: Clock;
  readonly #heap = new FlatQueue<string>();
  readonly #tasks = new Map<string, Task>();
  #draining: Promise<void> | null = null;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get size(): number {
    return this.#tasks.size;
  }

  schedule(key: string, at: number, run: () => void): void {
    this.#tasks.set(key, { at, run });
    this.#heap.push(key, at);
  }

  cancel(key: string): void {
    this.#tasks.delete(key);
  }

  clear(): void {
    this.#tasks.clear();
    this.#heap.clear();
  }

  dispose(): void {
    this.clear();
  }

  runDue(): void {
    this.#draining ??= new Promise<void>((resolve) => this.#turn(resolve));
  }

  /** Resolves when the drain started by runDue has fired every task that was due. */
  drained(): Promise<void> {
    return this.#draining ?? Promise.resolve();
  }

  #turn(done: () => void): void {
    const started = performance.now();
    const now = this.#clock.now();
    let ran = 0;
    while (this.#heap.length > 0) {
      const at = this.#heap.peekValue() as number;
      if (at > now) break;
      const key = this.#heap.pop() as string;
      const task = this.#tasks.get(key);
      if (task === undefined || task.at !== at) continue;
      this.#tasks.delete(key);
      task.run();
      if (++ran % 64 === 0 && performance.now() - started > TURN_BUDGET_MS) {
        setImmediate(() => this.#turn(done));
        return;
      }
    }
    this.#draining = null;
    done();
  }
}
