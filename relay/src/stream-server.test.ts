import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { openStream, smsRequest, streamProtocols, wsUrl } from '../test-kit/relay-test-kit.ts';
import { createRealClock } from './clock.ts';
import { createService, type ServiceParts } from './create-service.ts';
import { resolveLimits } from './limits.ts';
import { StreamServer, type StreamServerOptions } from './stream-server.ts';

/*
 * The stream server mounted on a plain http server of the test's own, over the relay's real core: here the test
 * decides exactly what a snapshot holds (its items' sizes, history moving on while it goes out), which a whole
 * relay leaves to timing. Clients are real `ws` clients on port 0, as everywhere else.
 */

const TOKEN = 'stream-server-test-token-0123456789';

type Core = ServiceParts;
const core = (historySize = 1000): Core =>
  createService({
    clock: createRealClock(),
    limits: resolveLimits({ sendsPerWindow: 100 }),
    logger: pino({ level: 'silent' }),
    historySize,
  });

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

async function mount(parts: Core, options: Partial<StreamServerOptions> = {}) {
  const hosts = new Set<string>();
  const stream = new StreamServer({
    events: parts.events,
    snapshot: parts.snapshot,
    token: TOKEN,
    hosts,
    extensionIds: [],
    version: 'test',
    logger: pino({ level: 'silent' }),
    maxPayloadBytes: 16 * 1024,
    pingIntervalMs: 30_000,
    maxBufferedBytes: 1024 * 1024,
    resumeGraceMs: 60_000,
    ...options,
  });
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => stream.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  hosts.add(`127.0.0.1:${port}`);
  closers.push(async () => {
    await stream.close();
    parts.scheduler.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { stream, url: `http://127.0.0.1:${port}`, token: TOKEN };
}

const jsonLength = (item: unknown) => JSON.stringify(item).length;

describe('stream server: snapshot pages', () => {
  it.each([
    ['fills the page budget exactly share one page', 0, [2]],
    ['is one byte over the page budget take a page each', -1, [1, 1]],
  ])('two items whose JSON %s', async (_name, slack, sizes) => {
    const parts = core();
    parts.service.create(smsRequest());
    const { messages, verifications } = parts.snapshot();
    const budget = jsonLength(verifications[0]) + jsonLength(messages[0]) + slack;
    const target = await mount(parts, { snapshotPageBytes: budget });
    const probe = await openStream(target);
    probe.send({ type: 'resume' });
    await probe.next((event) => event.type === 'resumed');
    const pages = probe.events.flatMap((event) => (event.type === 'snapshot' ? [event.data] : []));
    expect(pages.map((page) => page.verifications.length + page.messages.length)).toEqual(sizes);
    expect(pages.flatMap((page) => page.messages.map((m) => m.id))).toEqual([messages[0]?.id]);
    probe.ws.close();
  });

  it('sends a new snapshot when the history since the first one is gone by its last page, then resumed', async () => {
    // A history of one event: a code issued while the pages go out (two events) leaves a gap no replay fills.
    const parts = core(1);
    parts.service.create(smsRequest({ to: '+14155550124' }));
    let taken = 0;
    // History moves on between taking the seq and the last page, as when a code arrives between two pages:
    // here at a fixed point, where a real arrival would race the pages.
    const target = await mount(parts, {
      snapshot: () => {
        const snapshot = parts.snapshot();
        taken += 1;
        if (taken === 1) parts.service.create(smsRequest({ to: '+14155550125' }));
        return snapshot;
      },
    });
    const probe = await openStream(target);
    probe.send({ type: 'resume' });
    await probe.next((event) => event.type === 'resumed');
    const snapshots = probe.events.flatMap((event) => (event.type === 'snapshot' ? [event] : []));
    expect(snapshots.map((s) => s.data.messages.map((m) => m.to).toSorted())).toEqual([
      ['+14155550124'],
      ['+14155550124', '+14155550125'],
    ]);
    expect(snapshots.at(-1)?.seq).toBe(4); // where the client stands now: past the code that came meanwhile
    // The code that came meanwhile is in the new snapshot, not also sent as an event; and nothing else came.
    expect(probe.events.map((event) => event.type)).toEqual(['hello', 'snapshot', 'snapshot', 'resumed']);
    parts.service.create(smsRequest({ to: '+14155550126' }));
    await probe.next((event) => event.type === 'message' && event.data.to === '+14155550126');
    expect(probe.events.filter((event) => event.type === 'message')).toHaveLength(1);
    probe.ws.close();
  });
});

describe('stream server: clients it holds', () => {
  it('counts the clients connected now: one that leaves is forgotten, however it left', async () => {
    const target = await mount(core(), { proofTimeoutMs: 100 });
    const leaving = await openStream(target);
    const cut = await openStream(target);
    const staying = await openStream(target);
    await Promise.all([leaving, cut, staying].map((probe) => probe.next((event) => event.type === 'hello')));
    expect(target.stream.size).toBe(3);
    leaving.ws.close();
    cut.ws.terminate();
    await vi.waitFor(() => expect(target.stream.size).toBe(1), { timeout: 10_000 });
    // A client that never proves the token is closed by the relay (4408), and forgotten as well.
    const unproved = new WebSocket(wsUrl(target), ['otp-relay.v1', `otp-relay.nonce.${'ab'.repeat(16)}`]);
    expect(await new Promise((resolve) => unproved.on('close', resolve))).toBe(4408);
    await vi.waitFor(() => expect(target.stream.size).toBe(1), { timeout: 10_000 });
    staying.send({ type: 'ping' });
    await staying.next((event) => event.type === 'pong');
    staying.ws.close();
  });

  it('cuts off, at its next ping, a client that stopped reading with more than the limit waiting for it', async () => {
    // Pages of one item each: the next page goes out only once the one before left for the socket, so once the
    // kernel buffers are full nothing more is sent to this client, and only the heartbeat can judge it.
    const item = { id: 'large', text: 'x'.repeat(1024 * 1024) };
    const target = await mount(core(), {
      snapshot: () => ({ messages: Array.from({ length: 64 }, () => item) as never, verifications: [] }),
      snapshotPageBytes: 1,
      maxBufferedBytes: 64 * 1024,
      pingIntervalMs: 100,
    });
    const ws = new WebSocket(wsUrl(target), streamProtocols(TOKEN));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => {});
    await new Promise((resolve) => ws.once('open', resolve));
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    // It still writes: pongs of its own keep it from looking silent, so a missed pong is not what cuts it off.
    const pongs = setInterval(() => ws.readyState === WebSocket.OPEN && ws.pong(), 10);
    try {
      ws.send(JSON.stringify({ type: 'resume' }));
      expect(await closed).toBe(1006);
    } finally {
      clearInterval(pongs);
    }
    await vi.waitFor(() => expect(target.stream.size).toBe(0), { timeout: 10_000 });
  });
});
