/**
 * Figure 4's heap under test, in its own process (--expose-gc, a large old space): the relay's service on a
 * test clock, filled with pending verifications, then expired all at once.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serveCommands } from './child.ts';
import { createServiceParts, type ServiceParts } from './service-parts.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const parts = createServiceParts({ testClock: true });
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
    const sample = parts.service.snapshot();
    jsonBytes = JSON.stringify(sample.verifications[0]).length + JSON.stringify(sample.messages[0]).length;
  }
  return { count: created, heapUsed: usage.heapUsed, external: usage.external, rss: usage.rss, fillMs, jsonBytes };
}

function fill(service: ServiceParts['service'], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    // Every verification has its own destination (the worst case: each brings its counters and index
    // entries); half SMS, half email. The service validates nothing itself, so no number plan is needed.
    const sms = i % 2 === 0;
    service.create({
      to: sms ? `+1415${String(i).padStart(7, '0')}` : `m${i}@bench.example`,
      channel: sms ? 'sms' : 'email',
      purpose: 'login',
      origin,
    });
  }
}

export interface ExpiryReading {
  expired: number;
  /** Longest stretch the event loop could not run anything else. */
  maxDelayMs: number;
  /** From the clock advance until every expiry has run. */
  totalMs: number;
}

/** Advances the test clock past every TTL while monitorEventLoopDelay watches; waits for a batched drain. */
async function expireAll(target: ServiceParts): Promise<ExpiryReading> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const totalMs = await new Promise<number>((resolve) =>
    setImmediate(async () => {
      const started = performance.now();
      target.service.advanceClock(601_000);
      await (target.scheduler as unknown as { drained?: () => Promise<void> }).drained?.();
      resolve(performance.now() - started);
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  histogram.disable();
  const pending = target.service.snapshot().verifications.length;
  if (pending !== 0) throw new Error(`${pending} verifications still pending after the advance`);
  return { expired: 0, maxDelayMs: histogram.max / 1e6, totalMs };
}

serveCommands({
  read: () => reading(0),
  /** Creates pending verifications until `count` exist or `budgetMs` is spent (a slow shared box). */
  fill: ({ count, budgetMs }: { count: number; budgetMs: number }) => {
    const started = performance.now();
    while (created < count && performance.now() - started <= budgetMs) {
      const next = Math.min(count, created + 10_000);
      fill(parts.service, created, next);
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
  /** Moves the test clock past every TTL (POST /clock/advance does exactly this) and watches the loop. */
  expire: async (): Promise<ExpiryReading> => ({ ...(await expireAll(parts)), expired: created }),
  /** The same mass expiry at `count` on fresh services: the stock scheduler, then the batched prototype. */
  compare: async ({ count }: { count: number }) => {
    const result: Record<'stock' | 'batched', ExpiryReading> = {} as never;
    for (const kind of ['stock', 'batched'] as const) {
      const fresh = createServiceParts({ testClock: true, batchedExpiry: kind === 'batched' });
      fill(fresh.service, 0, count);
      gc?.();
      result[kind] = { ...(await expireAll(fresh)), expired: count };
    }
    return result;
  },
});
