/**
 * Figure 4's heap under test, in its own process (--expose-gc, a large old space): the relay's service on a
 * test clock, filled with pending verifications, then expired all at once.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serveCommands } from './child.ts';
import { createServiceParts } from './service-parts.ts';

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

function reading(fillMs: number): HeapReading {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  const sample = parts.service.snapshot();
  return {
    count: created,
    heapUsed: usage.heapUsed,
    external: usage.external,
    rss: usage.rss,
    fillMs,
    jsonBytes:
      created === 0 ? 0 : JSON.stringify(sample.verifications[0]).length + JSON.stringify(sample.messages[0]).length,
  };
}

serveCommands({
  read: () => reading(0),
  /** Creates pending verifications until `count` exist or `budgetMs` is spent (a slow shared box). */
  fill: ({ count, budgetMs }: { count: number; budgetMs: number }) => {
    const started = performance.now();
    while (created < count) {
      // Every verification has its own destination (the worst case: each brings its counters and index
      // entries); half SMS, half email. The service validates nothing itself, so no number plan is needed.
      const sms = created % 2 === 0;
      parts.service.create({
        to: sms ? `+1415${String(created).padStart(7, '0')}` : `m${created}@bench.example`,
        channel: sms ? 'sms' : 'email',
        purpose: 'login',
        origin,
      });
      created += 1;
      if (created % 10_000 === 0 && performance.now() - started > budgetMs) break;
    }
    return reading(performance.now() - started);
  },
  /** Moves the test clock past every TTL (POST /clock/advance does exactly this) and watches the loop. */
  expire: async () => {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const syncMs = await new Promise<number>((resolve) =>
      setImmediate(() => {
        const started = performance.now();
        parts.service.advanceClock(601_000);
        resolve(performance.now() - started);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    histogram.disable();
    const pending = parts.service.snapshot().verifications.length;
    return { syncMs, maxDelayMs: histogram.max / 1e6, pendingAfter: pending, expired: created };
  },
});
