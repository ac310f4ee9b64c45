import FlatQueue from 'flatqueue';
import type { Clock } from './clock.ts';

/** Node caps a timer at 2^31-1 ms; later deadlines re-arm when the timer fires. */
const MAX_TIMER_MS = 2_147_483_647;
/** On the real clock a mass expiry is drained in slices this long, yielding to I/O in between. */
const SLICE_MS = 5;

/**
 * What runs when a deadline of one kind falls due, told the id and the deadline it was scheduled with. It
 * checks its own state first: a deadline that moved (a resend) or no longer matters (a code already used)
 * leaves its old entry in the heap, and that entry must do nothing when it fires.
 */
export type TaskHandler = (id: string, at: number) => void;

/** The deadlines of one kind: a binary heap of ids by time. */
interface Lane {
  readonly heap: FlatQueue<string>;
  readonly run: TaskHandler;
}

/**
 * Deadlines (code expiry, delayed deliveries, clean-up) in binary heaps and ONE timer armed for the earliest:
 * nothing ever scans all codes. A task is a (kind, id, at) entry and each kind has one handler, so a pending
 * code costs its id and a number in a heap: no key string, closure or map entry (bench figure 4). There is no
 * cancel: the handlers ignore entries that no longer apply, so moving or dropping a deadline costs nothing
 * until the old entry surfaces (resends are rate-limited, so such entries stay few), and no hash table has
 * to grow or shrink while a million codes expire (rehashing a Map of ~500k entries took 35–125 ms here).
 * With a test clock the timer is never armed: `runDue()` (called after each advance) fires everything due,
 * synchronously and in deadline order. On the real clock the timer drains in 5 ms slices (then
 * setImmediate), so 100k codes expiring in the same millisecond do not stall the event loop; whoever reads
 * a code meanwhile still sees it expired, because the service checks the deadline itself on every read.
 */
export class Scheduler {
  readonly #clock: Clock;
  readonly #lanes = new Map<string, Lane>();
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

  /** Entries waiting in the heaps, of every kind (including ones their handler will ignore). */
  get size(): number {
    let size = 0;
    for (const lane of this.#lanes.values()) size += lane.heap.length;
    return size;
  }

  /** Says what a task of `kind` does; once per kind, before scheduling any. */
  handle(kind: string, run: TaskHandler): void {
    if (this.#lanes.has(kind)) throw new Error(`Scheduler: "${kind}" already has a handler`);
    this.#lanes.set(kind, { heap: new FlatQueue<string>(), run });
  }

  /** Runs the handler of `kind` with `id` and `at` once the clock reaches `at` (ms). */
  schedule(kind: string, id: string, at: number): void {
    const lane = this.#lanes.get(kind);
    if (lane === undefined) throw new Error(`Scheduler: no handler for "${kind}"`);
    lane.heap.push(id, at);
    this.#arm();
  }

  clear(): void {
    for (const lane of this.#lanes.values()) clearHeap(lane.heap);
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

  /** The lane whose next deadline is earliest. */
  #earliest(): Lane | undefined {
    let earliest: Lane | undefined;
    for (const lane of this.#lanes.values()) {
      if (lane.heap.length === 0) continue;
      if (earliest === undefined || (lane.heap.peekValue() as number) < (earliest.heap.peekValue() as number)) {
        earliest = lane;
      }
    }
    return earliest;
  }

  /** Runs due tasks for at most `budgetMs`; true when nothing due is left. */
  #drain(budgetMs: number): boolean {
    const now = this.#clock.now();
    const started = performance.now();
    let ran = 0;
    for (let lane = this.#earliest(); lane !== undefined; lane = this.#earliest()) {
      const at = lane.heap.peekValue() as number;
      if (at > now) break;
      lane.run(lane.heap.pop() as string, at);
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
    const next = this.#earliest()?.heap.peekValue();
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
}

/** Empties a heap and lets go of the ids it held (FlatQueue.clear only resets its length). */
function clearHeap(heap: FlatQueue<string>): void {
  heap.clear();
  heap.ids.length = 0;
  heap.values.length = 0;
}
