import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { StreamEvent } from './stream.ts';
import { RelayStream } from './stream-client.ts';
import { tokenProof } from './token-proof.ts';

const EPOCH = 'aaaaaaaaaaaaaaaa';
const NEW_EPOCH = 'bbbbbbbbbbbbbbbb';
const NOW = '2026-03-01T09:00:00.000Z';

/**
 * A scripted stand-in for the relay's stream: proves `token` on the client's nonce as the relay does, records
 * what clients send after their proof and lets the test push frames.
 */
async function fakeRelay(token: string) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'otp-relay.v1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const connections: { ws: WebSocket; protocols: string[]; path: string; frames: unknown[] }[] = [];
  const arrivals: ((c: (typeof connections)[number]) => void)[] = [];
  server.on('connection', (ws, req) => {
    const connection = {
      ws,
      protocols: String(req.headers['sec-websocket-protocol']).split(/,\s*/),
      path: req.url ?? '',
      frames: [] as unknown[],
    };
    const clientNonce = connection.protocols[1]?.replace('otp-relay.nonce.', '') ?? '';
    const relayNonce = 'ab'.repeat(16);
    let proved = false;
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (proved) {
        connection.frames.push(frame);
        return;
      }
      proved = frame.proof === tokenProof(token, 'stream client', relayNonce, clientNonce);
      if (!proved) return ws.close(4401);
      connections.push(connection);
      arrivals.shift()?.(connection);
    });
    ws.send(
      JSON.stringify({
        type: 'challenge',
        nonce: relayNonce,
        proof: tokenProof(token, 'stream relay', clientNonce, relayNonce),
      }),
    );
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    nextConnection: () => new Promise<(typeof connections)[number]>((resolve) => arrivals.push(resolve)),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function frame(type: string, seq: number, data: unknown, epoch = EPOCH): string {
  return JSON.stringify({ type, seq, epoch, now: NOW, data });
}
const clock = (seq: number, epoch = EPOCH) => frame('clock', seq, { now: NOW }, epoch);
const hello = (seq: number, epoch = EPOCH) =>
  frame('hello', seq, { relayVersion: '0.1.0', pingIntervalMs: 30_000 }, epoch);
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

let relay: Awaited<ReturnType<typeof fakeRelay>>;
let stream: RelayStream | undefined;
afterEach(async () => {
  stream?.close();
  await relay?.close();
});

describe('RelayStream', () => {
  it('connects offering a nonce (never the token), proves the token, and resumes exactly once across a forced reconnect', async () => {
    relay = await fakeRelay('tok-123');
    const arrived = relay.nextConnection();
    stream = new RelayStream({
      url: relay.url,
      token: 'tok-123',
      backoffBaseMs: 5,
      createSocket: (url, protocols) => new WebSocket(url, protocols) as never,
    });
    const events: StreamEvent[] = [];
    stream.onEvent((event) => events.push(event));

    const first = await arrived;
    expect(first.path).toBe('/api/v1/stream');
    expect(first.protocols).toEqual(['otp-relay.v1', expect.stringMatching(/^otp-relay\.nonce\.[0-9a-f]{32}$/)]);
    expect(first.protocols.join()).not.toContain('tok-123');
    first.ws.send(hello(0));
    await until(() => first.frames.length === 1);
    expect(first.frames[0]).toEqual({ type: 'resume' });
    first.ws.send(clock(1));
    first.ws.send(clock(2));
    await until(() => stream?.cursor?.seq === 2);

    const second = relay.nextConnection();
    stream.reconnectNow();
    const again = await second;
    again.ws.send(hello(3));
    await until(() => again.frames.length === 1);
    expect(again.frames[0]).toEqual({ type: 'resume', epoch: EPOCH, since: 2 });
    // A replay that overlaps what the client already has: 2 must not be emitted twice.
    for (const seq of [2, 3, 4]) again.ws.send(clock(seq));
    await until(() => stream?.cursor?.seq === 4);

    const clocks = events.filter((event) => event.type === 'clock').map((event) => event.seq);
    expect(clocks).toEqual([1, 2, 3, 4]);
    expect(stream.state).toBe('open');
  });

  it('takes a snapshot from a new epoch (relay restart) and follows the new numbering', async () => {
    relay = await fakeRelay('t');
    const arrived = relay.nextConnection();
    stream = new RelayStream({
      url: relay.url,
      token: 't',
      cursor: { epoch: EPOCH, seq: 40 },
      backoffBaseMs: 5,
      createSocket: (url, protocols) => new WebSocket(url, protocols) as never,
    });
    const events: StreamEvent[] = [];
    stream.onEvent((event) => events.push(event));
    const connection = await arrived;
    connection.ws.send(hello(1, NEW_EPOCH));
    await until(() => connection.frames.length === 1);
    expect(connection.frames[0]).toEqual({ type: 'resume', epoch: EPOCH, since: 40 });
    connection.ws.send(frame('snapshot', 1, { messages: [], verifications: [] }, NEW_EPOCH));
    connection.ws.send(clock(2, NEW_EPOCH));
    await until(() => stream?.cursor?.seq === 2);
    expect(stream.cursor).toEqual({ epoch: NEW_EPOCH, seq: 2 });
    expect(events.map((event) => event.type)).toEqual(['hello', 'snapshot', 'clock']);
  });

  it('ignores frames that are not valid events', async () => {
    relay = await fakeRelay('t');
    const arrived = relay.nextConnection();
    stream = new RelayStream({ url: relay.url, token: 't', createSocket: (u, p) => new WebSocket(u, p) as never });
    const events: StreamEvent[] = [];
    stream.onEvent((event) => events.push(event));
    const connection = await arrived;
    connection.ws.send(hello(0));
    connection.ws.send('garbage');
    connection.ws.send(JSON.stringify({ type: 'clock', seq: -1 }));
    connection.ws.send(clock(1));
    await until(() => events.length === 2);
    expect(events.map((event) => event.type)).toEqual(['hello', 'clock']);
  });
});
