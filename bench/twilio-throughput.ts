import autocannon from 'autocannon';
import { TWILIO_TEST_ACCOUNT_SID, TWILIO_TEST_AUTH_TOKEN } from '../relay/src/twilio/create-twilio.ts';
import { startChild } from './lib/child.ts';
import type { FigureRunner, Row } from './lib/figure.ts';
import type { Started } from './lib/server-process.ts';
import { median, num } from './lib/stats.ts';

type Kind = 'api' | 'twilio';
const KINDS: Kind[] = ['api', 'twilio'];
const BASIC = `Basic ${Buffer.from(`${TWILIO_TEST_ACCOUNT_SID}:${TWILIO_TEST_AUTH_TOKEN}`).toString('base64')}`;
/** What twilio-node sends besides the auth (BaseTwilio.request), so the relay parses the SDK's very requests. */
const SDK_HEADERS = {
  authorization: BASIC,
  'content-type': 'application/x-www-form-urlencoded',
  accept: 'application/json',
  'accept-charset': 'utf-8',
  'user-agent': 'twilio-node/6.3.1 (linux x64) node/v20',
};

interface Load {
  pairs: number;
  seconds: number;
  failures: number;
}

let destination = 0;
/**
 * A fresh phone number per pair (autocannon starts each pass through `requests` with a fresh context), across
 * runs too: a run that ends between a create and its check leaves that verification pending, and a create for
 * the same number would re-send its code (Twilio's rule). 10 area codes × 10,000 numbers on the 555 exchange.
 */
const AREAS = ['415', '212', '646', '310', '312', '617', '206', '303', '702', '305'];
let phones = 0;
function nextPhone(): string {
  const n = phones++ % (AREAS.length * 10_000);
  return `+1${AREAS[Math.floor(n / 10_000)]}555${String(n % 10_000).padStart(4, '0')}`;
}

/** The relay's own API: create, then check with the code (bench-only x-bench-code header, as figure 1). */
async function apiLoad(server: Started, connections: number, seconds: number): Promise<Load> {
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
            to: `tw${++destination}@bench.example`,
            channel: 'email',
            purpose: 'login',
            origin: 'https://seller.example.com',
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
    failures: failures + result.errors + result.timeouts,
  };
}

/**
 * Twilio Verify as an app's SDK calls it: form-encoded Verifications create (with a CustomCode, so the load
 * generator knows the code without instrumentation) and VerificationCheck by To; a fresh number per pair, so
 * every create starts a new verification.
 */
async function twilioLoad(server: Started, serviceSid: string, connections: number, seconds: number): Promise<Load> {
  let failures = 0;
  const base = `/twilio/v2/Services/${serviceSid}`;
  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: SDK_HEADERS,
    requests: [
      {
        method: 'POST',
        path: `${base}/Verifications`,
        setupRequest: (request, context) => {
          context.to = nextPhone();
          context.code = String(100_000 + Math.floor(Math.random() * 900_000));
          return {
            ...request,
            body: new URLSearchParams({
              To: context.to as string,
              Channel: 'sms',
              CustomCode: context.code as string,
            }).toString(),
          };
        },
        onResponse: (status) => {
          if (status !== 201) failures += 1;
        },
      },
      {
        method: 'POST',
        path: `${base}/VerificationCheck`,
        setupRequest: (request, context) => ({
          ...request,
          body: new URLSearchParams({ To: context.to as string, Code: context.code as string }).toString(),
        }),
        onResponse: (status, body) => {
          if (status !== 200 || !body.includes('"status":"approved"')) failures += 1;
        },
      },
    ],
  });
  return {
    pairs: result.requests.total / 2,
    seconds: result.duration,
    failures: failures + result.errors + result.timeouts,
  };
}

async function createService(server: Started): Promise<string> {
  const response = await fetch(`${server.url}/twilio/v2/Services`, {
    method: 'POST',
    headers: SDK_HEADERS,
    body: new URLSearchParams({ FriendlyName: 'Bench' }).toString(),
  });
  if (response.status !== 201) throw new Error(`Twilio service create answered ${response.status}`);
  return ((await response.json()) as { sid: string }).sid;
}

export const twilioThroughput: FigureRunner = async ({ quick, log }) => {
  const seconds = quick ? 2 : 3;
  const rounds = quick ? 1 : 3;
  const child = startChild(new URL('./lib/server-process.ts', import.meta.url));
  const loads: Record<Kind, Load[]> = { api: [], twilio: [] };
  try {
    // One relay serves both: its own API and /twilio (test controls on: the test credentials).
    const server = await child.call<Started>('relay');
    const serviceSid = await createService(server);
    const run = (kind: Kind, s: number) =>
      kind === 'api' ? apiLoad(server, 50, s) : twilioLoad(server, serviceSid, 50, s);
    for (const kind of KINDS) await run(kind, 1); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (const kind of round % 2 === 0 ? KINDS : [...KINDS].reverse()) {
        const result = await run(kind, seconds);
        loads[kind].push(result);
        log(`  ${kind} @50: ${num(result.pairs / result.seconds)} pairs/s, ${result.failures} failed`);
      }
    }
  } finally {
    await child.call('stopAll').catch(() => undefined);
    await child.stop();
  }
  const rates = (kind: Kind) => loads[kind].map((l) => l.pairs / l.seconds);
  const within = median(rates('twilio').map((value, round) => value / (rates('api')[round] as number)));
  const failures = [...loads.api, ...loads.twilio].reduce((sum, l) => sum + l.failures, 0);
  const rows: Row[] = [
    { metric: "create+check pairs/s, relay's own API, 50 conns", value: num(median(rates('api'))) },
    { metric: 'create+check pairs/s, /twilio Verify (SDK wire format), 50 conns', value: num(median(rates('twilio'))) },
    {
      metric: "/twilio Verify ÷ the relay's own API",
      value: num(within, 2),
      target: '≥ 0.8',
      met: within >= 0.8,
      ratio: `per round: ${rates('twilio')
        .map((value, round) => num(value / (rates('api')[round] as number), 2))
        .join(', ')}`,
    },
  ];
  return {
    id: 10,
    title: 'Twilio Verify throughput',
    rows,
    method: [
      `autocannon, 50 connections, ${rounds} round(s) of one ${seconds} s run per API on the same relay (order reversed every other round) after a 1 s warm-up each; ratios are medians of the ratios within each round.`,
      "Twilio: the requests twilio-node sends (Basic auth, form-encoded, its Accept/Accept-Charset/User-Agent headers): POST /twilio/v2/Services/VA…/Verifications (To, Channel=sms, CustomCode) then POST …/VerificationCheck (To, Code), which must answer approved; a fresh phone number per pair. Relay's own API: figure 1's create + check (JSON, bearer token, code from the bench-only x-bench-code header).",
      `Failed pairs across all runs: ${failures}.`,
    ],
    findings: [
      `Both paths run the same Express app, Host check and relay; /twilio swaps the token compare and JSON parse for a Basic-auth compare and a form parse. Its create does less than the relay's own: no per-destination send window or lockout counters, no expiry entry in the scheduler's heap (Verify's 10 minutes are checked on read and by the inbox), no stream event when no origin is configured (as here: the SMS text goes through the MessageReceiver and the intake instead). That is why the ratio sits above 1 rather than below it.`,
    ],
  };
};
