/**
 * A child process that runs the servers under test, away from the load generator's event loop.
 * Commands (see startChild): relay, bare, wsBare, stats, stopAll.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOKEN_PROTOCOL_PREFIX } from '@otp-relay/shared';
import { WebSocket, WebSocketServer } from 'ws';
import { createRelay } from '../../relay/src/create-relay.ts';
import { allowedHosts } from '../../relay/src/http/security.ts';
import { createBareServer } from './bare-server.ts';
import { serveCommands } from './child.ts';
import { createProbedStore, createServiceParts, RELAXED_LIMITS, type StoreProbe } from './service-parts.ts';

export interface Started {
  url: string;
  token: string;
}

const probe: StoreProbe = { messageScans: 0, codes: new Map() };
let lastRelay: Awaited<ReturnType<typeof createRelay>> | undefined;
const stops: Array<() => Promise<void>> = [];
const newToken = () => randomBytes(32).toString('base64url');

/**
 * Bench-only instrumentation, applied identically to the relay and the bare baseline: the create response
 * carries the new code in `x-bench-code`, so the load generator can send a correct check without a third
 * request. The code is read from the store tap at the moment the response head is written.
 */
function exposeCodes(server: Server): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/api/v1/verifications') return;
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      const to = (req as IncomingMessage & { body?: { to?: string } }).body?.to;
      const code = to === undefined ? undefined : probe.codes.get(to);
      if (to !== undefined && code !== undefined) {
        probe.codes.delete(to);
        this.setHeader('x-bench-code', code);
      }
      return writeHead.apply(this, args);
    } as ServerResponse['writeHead'];
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function startRelay(args: { testClock?: boolean } = {}): Promise<Started> {
  probe.codes.clear();
  const relay = await createRelay({
    logLevel: 'silent',
    limits: RELAXED_LIMITS,
    store: createProbedStore(probe),
    testClock: args.testClock ?? false,
  });
  exposeCodes(relay.server);
  lastRelay = relay;
  stops.push(() => relay.close());
  return { url: relay.url, token: relay.token };
}

async function startBare(): Promise<Started> {
  probe.codes.clear();
  const token = newToken();
  const hosts = new Set<string>();
  const { service } = createServiceParts({ store: createProbedStore(probe) });
  const server = createBareServer(service, token, hosts);
  exposeCodes(server);
  const port = await listen(server);
  for (const host of allowedHosts('127.0.0.1', port)) hosts.add(host);
  stops.push(() => closeServer(server));
  return { url: `http://127.0.0.1:${port}`, token };
}

/**
 * The baseline of figure 2: a plain `ws` server that, on POST /publish {to}, broadcasts the same two frames a
 * create makes the relay push (a `verification` then a `message` envelope of the same shape and size).
 */
async function startWsBare(): Promise<Started> {
  const token = newToken();
  const epoch = randomBytes(8).toString('hex');
  const clients = new Set<WebSocket>();
  let seq = 0;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
  const frame = (type: string, data: unknown) =>
    JSON.stringify({ type, seq: ++seq, epoch, now: new Date().toISOString(), data });
  const broadcast = (text: string) => {
    for (const ws of clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { to } = JSON.parse(Buffer.concat(chunks).toString()) as { to: string };
      const now = new Date();
      const expires = new Date(now.getTime() + 600_000).toISOString();
      const verificationId = `VE${randomBytes(16).toString('hex')}`;
      const origin = 'https://seller.example.com';
      broadcast(
        frame('verification', {
          id: verificationId,
          to,
          channel: 'email',
          purpose: 'login',
          origin,
          status: 'pending',
          codeLength: 6,
          attemptsRemaining: 5,
          sendCount: 1,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
          expiresAt: expires,
          resendAvailableAt: expires,
        }),
      );
      const code = String(100_000 + Math.floor(Math.random() * 900_000));
      broadcast(
        frame('message', {
          id: `MS${randomBytes(16).toString('hex')}`,
          verificationId,
          channel: 'email',
          to,
          purpose: 'login',
          origin,
          code,
          subject: 'Your seller.example.com verification code',
          text: `Hello,\n\nUse this code to confirm your log in on seller.example.com:\n\n    ${code}\n\nIt expires in 10 minutes. Never share this code with anyone. seller.example.com staff will never ask for it.\nIf you didn't ask for this code, you can ignore this email.`,
          folder: 'inbox',
          createdAt: now.toISOString(),
          expiresAt: expires,
        }),
      );
      const body = JSON.stringify({ id: verificationId });
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!(req.headers['sec-websocket-protocol'] ?? '').includes(`${TOKEN_PROTOCOL_PREFIX}${token}`)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => ws.terminate());
      ws.send(frame('hello', { relayVersion: 'bare', pingIntervalMs: 30_000 }));
    });
  });
  const port = await listen(server);
  stops.push(async () => {
    for (const ws of clients) ws.terminate();
    wss.close();
    await closeServer(server);
  });
  return { url: `http://127.0.0.1:${port}`, token };
}

serveCommands({
  relay: startRelay,
  bare: startBare,
  wsBare: startWsBare,
  stats: async () => ({
    messageScans: probe.messageScans,
    connections: await new Promise<number>((resolve) =>
      lastRelay ? lastRelay.server.getConnections((_error, count) => resolve(count)) : resolve(0),
    ),
  }),
  /** Fills the last relay's inbox in-process (faster than HTTP): `count` pending codes, one per address. */
  fill: ({ count }: { count: number }) => {
    if (!lastRelay) throw new Error('no relay started');
    for (let i = 0; i < count; i++) {
      lastRelay.service.create({
        to: `f${i}@fill.example`,
        channel: 'email',
        purpose: 'login',
        origin: 'https://seller.example.com',
      });
    }
    probe.codes.clear();
  },
  resetStats: () => {
    probe.messageScans = 0;
  },
  stopAll: async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
  },
});
