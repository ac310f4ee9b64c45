import { type Child, startChild } from './lib/child.ts';
import type { FigureRunner } from './lib/figure.ts';
import { createHttp, type HttpReply } from './lib/http.ts';
import type { Started } from './lib/server-process.ts';
import { ms, num, ratio, sleep, summarize } from './lib/stats.ts';

let destination = 0;

interface Round {
  latencies: number[];
  totalMs: number;
  registerMs: number;
  failures: number;
}

/**
 * Resolves once the relay has registered `count` more long polls. Each registers through one inbox scan
 * (Inbox.wait → latest → store.messages(), counted by the store tap); should the relay stop scanning there,
 * `count` open connections held for half a second stand in.
 */
async function waitersRegistered(child: Child, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let connectedSince: number | undefined;
  for (;;) {
    const { messageScans, connections } = await child.call<{ messageScans: number; connections: number }>('stats');
    if (messageScans >= count) return;
    connectedSince = connections >= count ? (connectedSince ?? Date.now()) : undefined;
    if (connectedSince !== undefined && Date.now() - connectedSince >= 500) return;
    if (Date.now() > deadline) throw new Error(`only some of ${count} long polls registered`);
    await sleep(5);
  }
}

/**
 * `waiters` long polls (GET /messages/latest?to=<own address>&wait=30), all registered before the first
 * create; then one create per address, at most 20 in flight. Latency = create sent → that waiter's answer.
 */
async function round(child: Child, server: Started, waiters: number): Promise<Round> {
  await child.call('resetStats');
  const polls = createHttp(server.url, server.token, waiters + 10);
  const creates = createHttp(server.url, server.token, 20);
  try {
    const addresses = Array.from({ length: waiters }, () => `w${++destination}@bench.example`);
    const createdAt = new Float64Array(waiters);
    const latencies: number[] = [];
    let failures = 0;
    let lastRelease = 0;
    const registerStart = performance.now();
    const answered = addresses.map((to, index) =>
      polls.call('GET', `/api/v1/messages/latest?to=${encodeURIComponent(to)}&wait=30`).then((reply: HttpReply) => {
        lastRelease = performance.now();
        if (reply.status !== 200 || !reply.body.includes(JSON.stringify(to))) failures += 1;
        latencies[index] = lastRelease - (createdAt[index] as number);
      }),
    );
    await waitersRegistered(child, waiters);
    const registerMs = performance.now() - registerStart;
    const firstCreate = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < waiters) {
        const index = next++;
        createdAt[index] = performance.now();
        const reply = await creates.call('POST', '/api/v1/verifications', {
          to: addresses[index],
          channel: 'email',
          purpose: 'login',
          origin: 'https://seller.example.com',
        });
        if (reply.status !== 201) failures += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(20, waiters) }, worker));
    await Promise.all(answered);
    return { latencies, totalMs: lastRelease - firstCreate, registerMs, failures };
  } finally {
    polls.close();
    creates.close();
  }
}

export const longPoll: FigureRunner = async ({ quick, log }) => {
  const waiters = quick ? 200 : 1000;
  const singles = quick ? 10 : 50;
  const child = startChild(new URL('./lib/server-process.ts', import.meta.url));
  try {
    const server = await child.call<Started>('relay');
    await round(child, server, 20); // warm-up
    const single: number[] = [];
    let failures = 0;
    for (let i = 0; i < singles; i++) {
      const one = await round(child, server, 1);
      single.push(...one.latencies);
      failures += one.failures;
    }
    const many = await round(child, server, waiters);
    failures += many.failures;

    // A look-up that waits for nothing, in an inbox of a few live messages and then of `backlog` of them.
    const backlog = quick ? 5000 : 20_000;
    const lookups = createHttp(server.url, server.token, 1);
    const lookup = async () => {
      for (let i = 0; i < 5; i++) await lookups.call('GET', '/api/v1/messages/latest?to=warm%40bench.example');
      const times: number[] = [];
      for (let i = 0; i < (quick ? 20 : 50); i++) {
        const started = performance.now();
        await lookups.call('GET', `/api/v1/messages/latest?to=${encodeURIComponent('nobody@bench.example')}`);
        times.push(performance.now() - started);
      }
      return summarize(times).p50;
    };
    const small = await lookup();
    await child.call('fill', { count: backlog });
    const large = await lookup();
    lookups.close();
    const spread = summarize(many.latencies);
    const alone = summarize(single);
    log(`  ${waiters} waiters: p50 ${ms(spread.p50)} p99 ${ms(spread.p99)} total ${ms(many.totalMs)}`);
    return {
      id: 6,
      title: 'Long-poll waiters (messages/latest?wait=)',
      rows: [
        {
          metric: `${waiters} concurrent waiters: create → release p50 / p99`,
          value: `${ms(spread.p50)} / ${ms(spread.p99)}`,
          ratio: ratio(spread.p50, alone.p50, '1 waiter (p50)'),
        },
        {
          metric: `${waiters} waiters: first create → last release (total)`,
          value: ms(many.totalMs),
          ratio: `${Math.round((waiters / many.totalMs) * 1000)} releases/s`,
        },
        { metric: `${waiters} waiters: time to register all`, value: ms(many.registerMs) },
        { metric: '1 waiter alone: create → release p50 / p99', value: `${ms(alone.p50)} / ${ms(alone.p99)}` },
        {
          metric: `GET /messages/latest (no wait) with ${num(backlog)} live messages, p50`,
          value: ms(large),
          ratio: ratio(large, small, 'near-empty inbox'),
        },
      ],
      method: [
        `Relay in a child process. ${waiters} GET /api/v1/messages/latest?to=<own address>&wait=30 over ${waiters} keep-alive sockets, all registered in the relay before the first create (counted through a store tap); then one POST /verifications per address, 20 in flight. Latency = that create sent → its waiter answered 200 with the message. Baseline: a single waiter, ${singles} times, in the same relay.`,
        `Look-up cost: ${quick ? 20 : 50} sequential GET /messages/latest?to=<an address with no message> on the same relay (a handful of live messages), then again after ${num(backlog)} pending codes were created in-process; each call answers 404 after looking.`,
        `Failed or wrong answers: ${failures}.`,
      ],
      findings: [
        "What dominates here is creating the codes, not waking the waiters: in a CPU profile of this figure VerificationLifecycle.create is ≈ 28 % of the relay's CPU inclusive (crypto for ids, code and HMAC ≈ 9 %, composeMessage, toTimestamp ≈ 4 %: about ten ISO strings per create) and Inbox.add with its waiter scan ≈ 3.5 %.",
        'Scaling limits in relay/src/inbox.ts, which the look-up row shows: Inbox.add copies the waiter Set and tests every waiter on every new message (O(waiters) per create), and each long poll registers through Inbox.latest → list → store.messages(), which copies and reverses every live message (O(live messages) per call, also for GET /messages). Index waiters by destination (Map<to, Set<Waiter>>) and live messages by destination in the store, and stop materialising the whole inbox to find one.',
      ],
    };
  } finally {
    await child.call('stopAll').catch(() => undefined);
    await child.stop();
  }
};
