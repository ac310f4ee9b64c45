/**
 * Figure 4's heap under test, in its own process (--expose-gc, a large old space): the relay's service,
 * filled with pending verifications, then expired all at once.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { serveCommands } from './child.ts';
import { createServiceParts, type ServiceParts } from './service-parts.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
/**
 * A real clock (the scheduler arms real timers and drains as in production) that stands still while the
 * service is filled, so every code gets the same deadline: then it runs, and they all expire at once.
 */
let thawedAt: number | undefined;
const FROZEN_AT = Date.now();
const clock = {
  isTest: false as const,
  now: () => (thawedAt === undefined ? FROZEN_AT : FROZEN_AT + (Date.now() - thawedAt)),
};
/** Short, so the mass expiry comes soon after the clock runs (every code shares it). */
const TTL_SECONDS = 2;
const parts = createServiceParts({ clock });
let expiredEvents = 0;
let lastExpiredAt = 0;
let firstExpiredAt = 0;
parts.events.subscribe((event) => {
  if (event.type !== 'expired') return;
  expiredEvents += 1;
  lastExpiredAt = performance.now();
  if (expiredEvents === 1) firstExpiredAt = lastExpiredAt;
});
const origin = 'https://seller.example.com';
let created = 0;

export interface HeapReading {
  count: number;
  heapUsed: number;
  /** Off-heap memory of Buffers and ArrayBuffers (the code digests). */
  external: number;
  rss: number;
  fillMs: number;
  /** JSON size of one verification plus its message: what the same data weighs on the wire. */
  jsonBytes: number;
}

let jsonBytes = 0;

function reading(fillMs: number): HeapReading {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  if (jsonBytes === 0 && created > 0) {
    // Measured once, after the heap reading: a snapshot of everything is large.
    const sample = parts.snapshot();
    jsonBytes = JSON.stringify(sample.verifications[0]).length + JSON.stringify(sample.messages[0]).length;
  }
  return { count: created, heapUsed: usage.heapUsed, external: usage.external, rss: usage.rss, fillMs, jsonBytes };
}

function fill(service: ServiceParts['service'], from: number, to: number, ttlSeconds?: number): void {
  for (let i = from; i < to; i++) {
    // Every verification has its own destination (the worst case: each brings its counters and index
    // entries); half SMS, half email. The service validates nothing itself, so no number plan is needed.
    const sms = i % 2 === 0;
    service.create({
      to: sms ? `+1415${String(i).padStart(7, '0')}` : `m${i}@bench.example`,
      channel: sms ? 'sms' : 'email',
      purpose: 'login',
      origin,
      ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
    });
  }
}

export interface InboundReading {
  count: number;
  /** Heap the messages added, in bytes. */
  heapUsed: number;
  /** Sum of their text lengths (one byte per character: the texts are Latin-1). */
  textBytes: number;
  fillMs: number;
}

export interface ExpiryReading {
  expired: number;
  /** Longest stretch the event loop could not run anything else. */
  maxDelayMs: number;
  /** From the clock advance until every expiry has run. */
  totalMs: number;
  /** The longest single GC pause meanwhile (perf_hooks 'gc' entries). */
  maxGcMs: number;
  /** Most setImmediate callbacks pending at once: drain chains running side by side (one is the design). */
  maxChains?: number;
}

/**
 * Counts pending setImmediate callbacks until the returned function is called (it gives the peak). The
 * scheduler continues a drain with one setImmediate per slice, so the peak is how many drains interleave.
 */
function watchImmediates(): () => number {
  const original = globalThis.setImmediate;
  let pending = 0;
  let peak = 0;
  globalThis.setImmediate = ((callback: (...args: unknown[]) => void, ...args: unknown[]) => {
    pending += 1;
    peak = Math.max(peak, pending);
    return original(() => {
      pending -= 1;
      callback(...args);
    });
  }) as typeof setImmediate;
  return () => {
    globalThis.setImmediate = original;
    return peak;
  };
}

/** Watches GC pauses until the returned function is called; it gives the longest. */
function watchGc(): () => number {
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    observer.disconnect();
    return longest;
  };
}

/** Advances the test clock past every TTL (what POST /clock/advance runs) while the loop delay is watched. */
async function advancePastAll(target: ServiceParts): Promise<ExpiryReading> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const gcDone = watchGc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const totalMs = await new Promise<number>((resolve) =>
    setImmediate(() => {
      const started = performance.now();
      target.controls.advanceClock(601_000);
      resolve(performance.now() - started);
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  histogram.disable();
  return { expired: 0, maxDelayMs: histogram.max / 1e6, totalMs, maxGcMs: gcDone() };
}

serveCommands({
  read: () => reading(0),
  /** Creates pending verifications until `count` exist or `budgetMs` is spent (a slow shared box). */
  fill: ({ count, budgetMs }: { count: number; budgetMs: number }) => {
    const started = performance.now();
    while (created < count && performance.now() - started <= budgetMs) {
      const next = Math.min(count, created + 10_000);
      fill(parts.service, created, next, TTL_SECONDS);
      created = next;
    }
    return reading(performance.now() - started);
  },
  /** The loop delay max of this process doing nothing for `ms`: the floor the box's scheduling sets. */
  idleDelay: async ({ ms }: { ms: number }) => {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    await new Promise((resolve) => setTimeout(resolve, ms));
    histogram.disable();
    return histogram.max / 1e6;
  },
  /**
   * Lets the frozen clock run: every pending code falls due at the same instant and the scheduler's own timer
   * expires them (relay/src/scheduler.ts), while monitorEventLoopDelay watches until the last one is gone.
   */
  expire: async (): Promise<ExpiryReading> => {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const gcDone = watchGc();
    const immediatesDone = watchImmediates();
    thawedAt = Date.now();
    const deadline = Date.now() + TTL_SECONDS * 1000 + 600_000;
    while (expiredEvents < created && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    histogram.disable();
    if (expiredEvents < created) throw new Error(`only ${expiredEvents} of ${created} codes expired`);
    const maxGcMs = gcDone();
    const maxChains = immediatesDone();
    const totalMs = lastExpiredAt - firstExpiredAt;
    return { expired: created, maxDelayMs: histogram.max / 1e6, totalMs, maxGcMs, maxChains };
  },
  /**
   * `count` live messages from outside (what POST /inbound stores, through the same MessageReceiver) on a fresh
   * service: the heap they add, and the bytes of their text, which the budget leaves out.
   */
  inbound: ({ count }: { count: number }): InboundReading => {
    const fresh = createServiceParts({ testClock: true, maxStoredMessages: count });
    gc?.();
    gc?.();
    const before = process.memoryUsage().heapUsed;
    let textBytes = 0;
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      // Distinct words each (a repeat would be a duplicate), shaped like the SMS a platform sends.
      const code = String(100000 + (i % 900000));
      // Through JSON, as POST /inbound gets them: flat strings, not the ropes a template literal leaves.
      const { text, to } = JSON.parse(
        JSON.stringify({
          text: `[Shop ${i}] ${code} is your verification code, valid for 5 minutes. Never share this code.`,
          to: `+1415${String(i).padStart(7, '0')}`,
        }),
      ) as { text: string; to: string };
      textBytes += text.length;
      fresh.receiver.receive({ source: 'inbound', channel: 'sms', from: 'TikTok', to, text });
    }
    const fillMs = performance.now() - started;
    gc?.();
    gc?.();
    const heapUsed = process.memoryUsage().heapUsed - before;
    if (fresh.inbox.storedCount !== count) throw new Error(`only ${fresh.inbox.storedCount} of ${count} stored`);
    return { count, heapUsed, textBytes, fillMs };
  },
  /** `count` codes on a fresh test-clock service, expired by one advance (synchronous by the relay's design). */
  testClock: async ({ count }: { count: number }): Promise<ExpiryReading> => {
    const fresh = createServiceParts({ testClock: true });
    fill(fresh.service, 0, count);
    gc?.();
    return { ...(await advancePastAll(fresh)), expired: count };
  },
});
