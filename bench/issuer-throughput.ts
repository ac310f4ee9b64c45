import autocannon from 'autocannon';
import { startChild } from './lib/child.ts';
import type { Figure, FigureRunner, Row } from './lib/figure.ts';
import { createHttp } from './lib/http.ts';
import type { Started } from './lib/server-process.ts';
import { median, ms, num, ratio, summarize } from './lib/stats.ts';

const ORIGIN = 'https://seller.example.com';
type Kind = 'relay' | 'bare';
const KINDS: Kind[] = ['bare', 'relay'];

interface Load {
  pairs: number;
  seconds: number;
  p50: number;
  p99: number;
  failures: number;
}

let destination = 0;

/** From V8 CPU profiles of the relay under this load (BENCH_CPU_PROF), taken while writing this suite. */
const EXPRESS_OVERHEAD = [
  'What the framework costs (CPU profile of the relay under this load): the Express request path (router layer matching, three separate app.use("/api", …) middlewares that each re-match and trim the URL prefix, body-parser/raw-body, res.json with its header helpers) holds ≈ 40 % of the relay\'s CPU inclusive, against ≈ 8 % for RelayService.create + check themselves; AbortController + AbortSignal.any built for every request and aborted on every response close (a DOMException each) ≈ 3 %.',
  'Changes in relay/src/http/create-app.ts, most effective first: put the API routes on one express.Router mounted once at /api with a single middleware doing token + media-type checks, then express.json, instead of three app.use("/api", …) layers; build the AbortSignal only for routes that wait (GET /messages/latest) instead of in handlerOf for every route; install requestLog\'s finish listener only when debug logging is on.',
];

/**
 * Each connection loops create → check with the code just sent (a correct check: the verification ends
 * approved), so one pair is the issuer's whole happy path. Every create goes to a fresh address, so the
 * per-destination send limit never bites (limits are relaxed as well).
 */
async function load(server: Started, connections: number, seconds: number): Promise<Load> {
  let failures = 0;
  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        path: '/api/v1/verifications',
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            to: `t${++destination}@bench.example`,
            channel: 'email',
            purpose: 'login',
            origin: ORIGIN,
          }),
        }),
        onResponse: (status, body, context, headers) => {
          if (status !== 201) failures += 1;
          context.id = status === 201 ? (JSON.parse(body) as { id: string }).id : 'VE0';
          context.code = headers['x-bench-code'] ?? '000000';
        },
      },
      {
        method: 'POST',
        setupRequest: (request, context) => ({
          ...request,
          path: `/api/v1/verifications/${context.id as string}/check`,
          body: JSON.stringify({ code: context.code }),
        }),
        onResponse: (status, body) => {
          if (status !== 200 || !body.includes('"valid":true')) failures += 1;
        },
      },
    ],
  });
  return {
    pairs: result.requests.total / 2,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: failures + result.errors + result.timeouts,
  };
}

/** One connection, one request at a time, timed here to the microsecond: the per-request service time. */
async function serviceTime(server: Started, pairs: number): Promise<{ p50: number; p99: number; failures: number }> {
  const http = createHttp(server.url, server.token, 1);
  const times: number[] = [];
  let failures = 0;
  try {
    for (let i = 0; i < pairs; i++) {
      let started = performance.now();
      const created = await http.call('POST', '/api/v1/verifications', {
        to: `s${++destination}@bench.example`,
        channel: 'email',
        purpose: 'login',
        origin: ORIGIN,
      });
      times.push(performance.now() - started);
      const id = created.status === 201 ? (JSON.parse(created.body) as { id: string }).id : 'VE0';
      started = performance.now();
      const checked = await http.call('POST', `/api/v1/verifications/${id}/check`, {
        code: created.headers['x-bench-code'] ?? '000000',
      });
      times.push(performance.now() - started);
      if (!checked.body.includes('"valid":true')) failures += 1;
    }
  } finally {
    http.close();
  }
  const summary = summarize(times);
  return { p50: summary.p50, p99: summary.p99, failures };
}

export const issuerThroughput: FigureRunner = async ({ quick, log }) => {
  const seconds = quick ? 2 : 3;
  const rounds = quick ? 1 : 2;
  const child = startChild(new URL('./lib/server-process.ts', import.meta.url));
  const at50: Record<Kind, Load[]> = { relay: [], bare: [] };
  const at1: Partial<Record<Kind, { p50: number; p99: number; failures: number }>> = {};
  try {
    const servers: Record<Kind, Started> = {
      relay: await child.call<Started>('relay'),
      bare: await child.call<Started>('bare'),
    };
    for (const kind of KINDS) await load(servers[kind], 50, 1); // warm-up: JIT, pools, keep-alive sockets
    // Short runs in ABBA order, so drift on a shared machine falls on both servers alike.
    for (let round = 0; round < rounds; round++) {
      for (const kind of ['bare', 'relay', 'relay', 'bare'] as const) {
        const result = await load(servers[kind], 50, seconds);
        at50[kind].push(result);
        log(`  ${kind} @50: ${num(result.pairs / result.seconds)} pairs/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
      }
    }
    for (const kind of KINDS) {
      const result = await serviceTime(servers[kind], quick ? 50 : 200);
      at1[kind] = result;
      log(`  ${kind} @1: p50 ${ms(result.p50)}, p99 ${ms(result.p99)}`);
    }
  } finally {
    await child.call('stopAll').catch(() => undefined);
    await child.stop();
  }

  const rate = (loads: Load[]) =>
    loads.reduce((sum, l) => sum + l.pairs, 0) / loads.reduce((sum, l) => sum + l.seconds, 0);
  const pick = (loads: Load[], key: 'p50' | 'p99') => median(loads.map((load) => load[key]));
  const relay = rate(at50.relay);
  const bare = rate(at50.bare);
  const relayP99 = pick(at50.relay, 'p99');
  const single = {
    relay: at1.relay ?? { p50: Number.NaN, p99: Number.NaN, failures: 0 },
    bare: at1.bare ?? { p50: Number.NaN, p99: Number.NaN, failures: 0 },
  };
  const failures =
    [...at50.relay, ...at50.bare].reduce((sum, l) => sum + l.failures, 0) +
    single.relay.failures +
    single.bare.failures;
  const rows: Row[] = [
    { metric: 'create+check pairs/s, relay (Express), 50 conns', value: num(relay), ratio: ratio(relay, bare, 'bare') },
    { metric: 'create+check pairs/s, bare node:http, 50 conns', value: num(bare) },
    {
      metric: 'relay ÷ bare node:http (framework overhead)',
      value: num(relay / bare, 2),
      target: '≥ 0.7',
      met: relay / bare >= 0.7,
    },
    {
      metric: 'relay request latency p50 / p99, 50 conns',
      value: `${ms(pick(at50.relay, 'p50'))} / ${ms(relayP99)}`,
      target: 'p99 < 10 ms',
      met: relayP99 < 10,
      ratio: ratio(relayP99, pick(at50.bare, 'p99'), 'bare p99'),
    },
    {
      metric: 'bare request latency p50 / p99, 50 conns',
      value: `${ms(pick(at50.bare, 'p50'))} / ${ms(pick(at50.bare, 'p99'))}`,
    },
    {
      metric: 'relay request latency p50 / p99, 1 conn (service time)',
      value: `${ms(single.relay.p50)} / ${ms(single.relay.p99)}`,
      ratio: ratio(single.relay.p50, single.bare.p50, 'bare p50'),
    },
    { metric: 'bare request latency p50 / p99, 1 conn', value: `${ms(single.bare.p50)} / ${ms(single.bare.p99)}` },
  ];
  const requestsPerSec = relay * 2;
  const figure: Figure = {
    id: 1,
    title: 'Issuer throughput',
    rows,
    method: [
      `autocannon, 50 connections, ${rounds * 2} runs of ${seconds} s per server in ABBA order after a 1 s warm-up each (pairs/s over all runs; latency: median of the runs' percentiles, autocannon's 1 ms resolution); each connection loops POST /verifications then POST /verifications/:id/check with the code just sent (valid: every pair approves a verification), a fresh email address per create.`,
      'Relay: createRelay (Express 5, full middleware, demo mounted, logger silent, send limits relaxed). Bare: node:http with the same RelayService and store, doing the same Host/token/JSON/zod work; only Express is missing (bench/lib/bare-server.ts).',
      `Service time: one connection, ${quick ? 50 : 200} sequential pairs per server timed in the bench process (µs resolution).`,
      'Both servers run in one child process; autocannon runs in the parent, so the load generator and the server each have a core. The create response carries the code in a bench-only `x-bench-code` header on both servers alike.',
      `Failed pairs across all runs: ${failures}.`,
    ],
    findings: [
      ...(relay / bare >= 0.7 ? [] : EXPRESS_OVERHEAD),
      `At 50 requests in flight, Little's law ties latency to throughput: mean latency = 50 ÷ ${num(requestsPerSec)} req/s = ${ms((50 / requestsPerSec) * 1000)}. A p99 under 10 ms at 50 connections needs well over 5,000 req/s on this box; the 1-connection row is the per-request service time.`,
    ],
  };
  return figure;
};
