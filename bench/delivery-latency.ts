import { type Child, startChild } from './lib/child.ts';
import type { FigureRunner, Row } from './lib/figure.ts';
import { createHttp } from './lib/http.ts';
import type { Started } from './lib/server-process.ts';
import { ms, ratio, sleep, summarize } from './lib/stats.ts';
import { StreamClients } from './lib/stream-clients.ts';

type Kind = 'relay' | 'wsBare';

interface Result {
  /** Per sample: until the LAST client had the message. */
  all: ReturnType<typeof summarize>;
  /** Every (sample, client) latency pooled. */
  perClient: ReturnType<typeof summarize>;
  lost: number;
}

interface Raw {
  all: number[];
  perClient: number[];
  lost: number;
}

const merge = (runs: Raw[]): Result => ({
  all: summarize(runs.flatMap((run) => run.all)),
  perClient: summarize(runs.flatMap((run) => run.perClient)),
  lost: runs.reduce((sum, run) => sum + run.lost, 0),
});

let destination = 0;

async function measure(child: Child, kind: Kind, clientCount: number, samples: number): Promise<Raw> {
  const server = await child.call<Started>(kind);
  const clients = await StreamClients.connect(server.url, server.token, clientCount, kind === 'relay');
  const http = createHttp(server.url, server.token, 1);
  const all: number[] = [];
  const perClient: number[] = [];
  let lost = 0;
  try {
    for (let i = -5; i < samples; i++) {
      const to = `d${++destination}@bench.example`;
      const trigger =
        kind === 'relay'
          ? () =>
              http.call('POST', '/api/v1/verifications', {
                to,
                channel: 'email',
                purpose: 'login',
                origin: 'https://seller.example.com',
              })
          : () => http.call('POST', '/publish', { to });
      const latencies = await clients.time(to, trigger);
      if (i >= 0) {
        // the first five warm the JIT up and are dropped
        let furthest = 0;
        for (const latency of latencies) {
          if (Number.isNaN(latency)) lost += 1;
          else perClient.push(latency);
          furthest = Math.max(furthest, Number.isNaN(latency) ? Number.POSITIVE_INFINITY : latency);
        }
        all.push(furthest);
      }
      await sleep(10);
    }
  } finally {
    http.close();
    clients.close();
    await child.call('stopAll');
  }
  return { all, perClient, lost };
}

const TARGETS: Record<number, number | undefined> = { 100: 10, 1000: 50 };

export const deliveryLatency: FigureRunner = async ({ quick, log }) => {
  const plan: Array<[clients: number, samples: number]> = quick
    ? [
        [1, 20],
        [100, 10],
        [1000, 5],
      ]
    : [
        [1, 60],
        [100, 40],
        [1000, 24],
      ];
  const rows: Row[] = [];
  let lost = 0;
  const child = startChild(new URL('./lib/server-process.ts', import.meta.url));
  try {
    for (const [clients, samples] of plan) {
      // Half the samples each in ABBA order, so neither server always meets a colder bench process.
      const runs: Record<Kind, Raw[]> = { relay: [], wsBare: [] };
      for (const kind of ['wsBare', 'relay', 'relay', 'wsBare'] as const) {
        runs[kind].push(await measure(child, kind, clients, Math.ceil(samples / 2)));
      }
      const relay = merge(runs.relay);
      const bare = merge(runs.wsBare);
      lost += relay.lost + bare.lost;
      log(
        `  ${clients} clients: relay all p50 ${ms(relay.all.p50)} p99 ${ms(relay.all.p99)}; bare all p50 ${ms(bare.all.p50)} p99 ${ms(bare.all.p99)}`,
      );
      const target = TARGETS[clients];
      rows.push({
        metric: `create → message at ALL ${clients} client(s), p50 / p99`,
        value: `${ms(relay.all.p50)} / ${ms(relay.all.p99)}`,
        ...(target === undefined ? {} : { target: `p99 < ${target} ms`, met: relay.all.p99 < target }),
        ratio: ratio(relay.all.p50, bare.all.p50, 'bare ws (p50)'),
      });
      if (clients > 1) {
        rows.push({
          metric: `↳ per client, ${clients} clients, p50 / p99`,
          value: `${ms(relay.perClient.p50)} / ${ms(relay.perClient.p99)}`,
          ratio: ratio(relay.perClient.p99, bare.perClient.p99, 'bare ws (p99)'),
        });
      }
    }
  } finally {
    await child.stop();
  }
  return {
    id: 2,
    title: 'Delivery latency (create → stream client)',
    rows,
    method: [
      `Relay in a child process; N raw \`ws\` clients in the bench process (token subprotocol, resumed, then timed). A sample is one POST /verifications over keep-alive HTTP; the clock starts just before the request and stops when a client sees the \`message\` frame for that address (matched on bytes, not parsed). Samples: ${plan.map(([c, s]) => `${s} at ${c}`).join(', ')}, in four runs per client count (ABBA: bare, relay, relay, bare; 5 warm-up samples each).`,
      'Baseline: a plain `ws` server that on POST /publish broadcasts the same two frames (a `verification` and a `message` envelope of the same shape) to the same clients; same process layout. Ratio = relay ÷ that.',
      `Messages lost (never arrived within 10 s): ${lost}.`,
    ],
    findings: [
      "At 1,000 clients most of the time is fan-out and receiving, not the relay: one create pushes two frames (the `verification` event, then the `message`) to every socket, and all 1,000 sockets are read by one bench process on the same two cores. The ratio to the bare `ws` broadcast of the same frames is the relay's own share; on 2 shared cores a 50 ms p99 at 1,000 is out of reach for either.",
      "One cheap gain in relay/src/verifications/verification-lifecycle.ts (#issueCode): the pending `verification` event is published before the message is delivered, so every client's code frame queues behind a verification frame to every client. The extension ignores pending `verification` events (extension/lib/code-store.ts), so delivering the message first would put the code on the wire first at no cost.",
    ],
  };
};
