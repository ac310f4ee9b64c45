import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  openStream,
  type StreamProbe,
  smsRequest,
  startTestRelay,
  type TestRelay,
} from '../test-kit/relay-test-kit.ts';

/*
 * The stream server's rules for what a client gets after hello (docs/api.md "Stream resume", shared/src/stream.ts):
 * one resume per connection, a replay or a snapshot, live events only after it, and refusals answered before
 * any WebSocket exists.
 */

let t: TestRelay | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const types = (probe: StreamProbe) => probe.events.map((event) => event.type);
/**
 * A relay whose resume grace outlasts any test: on a loaded box the client's resume frame can come later than
 * the default 250 ms, and the grace would then have resumed it from its hello already.
 */
const start = (options: Parameters<typeof startTestRelay>[0] = {}) =>
  startTestRelay({ ...options, stream: { resumeGraceMs: 60_000, ...options.stream } });

/** Raw upgrade request: the refusal exactly as a client receives it. */
function rawUpgrade(
  port: number,
  path: string,
  protocols: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-protocol': protocols,
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('upgrade', () => reject(new Error('upgraded')));
    req.on('error', reject);
    req.end();
  });
}

describe('stream: refusals before the upgrade', () => {
  it('answers a WebSocket on another path with 404 problem+json, and closes the socket', async () => {
    t = await startTestRelay();
    const answer = await rawUpgrade(t.relay.port, '/api/v1/streams', `otp-relay.v1, otp-relay.token.${t.relay.token}`);
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers.connection).toBe('close');
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
    expect(JSON.parse(answer.body)).toMatchObject({ status: 404, code: 'not_found', instance: '/api/v1/stream' });
  });

  it('takes the path without its query, and refuses a client that offers no otp-relay.v1 with 400', async () => {
    t = await startTestRelay();
    const nonce = 'ab'.repeat(16);
    const without = await rawUpgrade(t.relay.port, '/api/v1/stream?x=1', `otp-relay.nonce.${nonce}`);
    expect(without.status).toBe(400);
    expect(JSON.parse(without.body)).toMatchObject({ code: 'validation_failed' });
    const legacy = await rawUpgrade(t.relay.port, '/api/v1/stream', `otp-relay.token.${t.relay.token}`);
    expect(legacy.status).toBe(400);
  });

  it('lets go of a refused socket even when the client keeps its end open: it does not hold a connection', async () => {
    t = await startTestRelay({ http: { maxConnections: 1 } });
    const port = t.relay.port;
    const refused = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let answer = '';
    refused.setEncoding('latin1').on('data', (chunk: string) => {
      answer += chunk;
    });
    refused.on('error', () => {});
    await new Promise((resolve) => refused.once('connect', resolve));
    refused.write(
      `GET /api/v1/streams HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    // The relay answered and ended its side; this client keeps writing its own, as it may.
    await new Promise((resolve) => refused.once('end', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    // With one connection allowed, the next client is served only if the refused socket was let go.
    const health = await fetch(`${t.relay.url}/healthz`);
    expect(health.status).toBe(200);
    refused.destroy();
  });

  it('refuses a legacy client whose token is wrong even when it offers a malformed nonce', async () => {
    t = await startTestRelay();
    const answer = await rawUpgrade(t.relay.port, '/api/v1/stream', 'otp-relay.v1, otp-relay.nonce.xyz');
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'unauthorized' });
  });
});

describe('stream: what a client gets after hello', () => {
  it('a client that says nothing gets, after the grace, everything since its hello, then resumed, then live events', async () => {
    t = await start({ stream: { resumeGraceMs: 3000 } });
    const probe = await openStream(t.relay);
    const hello = await probe.next((event) => event.type === 'hello');
    t.relay.service.create(smsRequest());
    await probe.next((event) => event.type === 'resumed');
    await t.client.createVerification(smsRequest({ to: '+14155550124' }));
    await probe.next((event) => event.type === 'message' && event.data.to === '+14155550124');
    expect(types(probe)).toEqual(['hello', 'verification', 'message', 'resumed', 'verification', 'message']);
    expect(probe.events.filter((event) => event.type === 'message').map((event) => event.seq)).toEqual([
      hello.seq + 2,
      hello.seq + 4,
    ]);
    probe.ws.close();
  });

  it('holds live events back until the client resumes, then sends them after the replay', async () => {
    t = await start({ stream: { resumeGraceMs: 60_000 } });
    const probe = await openStream(t.relay);
    const hello = await probe.next((event) => event.type === 'hello');
    await t.client.createVerification(smsRequest());
    // Frames go out in order: had the live events been sent, they would come before this pong.
    probe.send({ type: 'ping' });
    await probe.next((event) => event.type === 'pong');
    expect(types(probe)).toEqual(['hello', 'pong']);
    probe.send({ type: 'resume', epoch: t.relay.epoch, since: hello.seq });
    await probe.next((event) => event.type === 'resumed');
    await t.client.createVerification(smsRequest({ to: '+14155550124' }));
    await probe.next((event) => event.type === 'message' && event.data.to === '+14155550124');
    expect(types(probe)).toEqual(['hello', 'pong', 'verification', 'message', 'resumed', 'verification', 'message']);
    probe.ws.close();
  });

  it('answers only the first resume of a connection: a second gets neither a replay nor a snapshot', async () => {
    t = await start();
    await t.client.createVerification(smsRequest());
    const probe = await openStream(t.relay);
    probe.send({ type: 'resume', epoch: t.relay.epoch, since: 0 });
    await probe.next((event) => event.type === 'resumed');
    probe.send({ type: 'resume', epoch: t.relay.epoch, since: 0 });
    probe.send({ type: 'resume' });
    probe.send({ type: 'ping' });
    await probe.next((event) => event.type === 'pong');
    expect(types(probe)).toEqual(['hello', 'verification', 'message', 'resumed', 'pong']);
    probe.ws.close();
  });

  it('answers only the first resume even while its snapshot is still going out', async () => {
    t = await start();
    await t.client.createVerification(smsRequest());
    const probe = await openStream(t.relay);
    // Both in one write, so the relay reads the second while it is still sending the first one's snapshot.
    const socket = (probe.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
    socket.cork();
    probe.send({ type: 'resume' });
    probe.send({ type: 'resume' });
    socket.uncork();
    await probe.next((event) => event.type === 'resumed');
    probe.send({ type: 'ping' });
    await probe.next((event) => event.type === 'pong');
    expect(types(probe)).toEqual(['hello', 'snapshot', 'resumed', 'pong']);
    probe.ws.close();
  });

  it.each([
    ['no epoch', () => ({ type: 'resume' })],
    ['this epoch and no since', (epoch: string) => ({ type: 'resume', epoch })],
    ['a since ahead of the relay', (epoch: string) => ({ type: 'resume', epoch, since: 99 })],
    // A cursor of an earlier run: its seq 1 is not this run's seq 1, however much history this run kept.
    ['another epoch and a since this run has kept', () => ({ type: 'resume', epoch: '0123456789abcdef', since: 1 })],
  ])('sends a snapshot to a resume with %s, then resumed', async (_, resume) => {
    t = await start();
    await t.client.createVerification(smsRequest());
    const probe = await openStream(t.relay);
    probe.send(resume(t.relay.epoch));
    const snapshot = await probe.next((event) => event.type === 'snapshot');
    await probe.next((event) => event.type === 'resumed');
    expect(types(probe)).toEqual(['hello', 'snapshot', 'resumed']);
    expect(snapshot).toMatchObject({ seq: 2, data: { messages: [{ to: '+14155550123' }] } });
    expect(snapshot.data).not.toHaveProperty('part');
    probe.ws.close();
  });

  it('a resume from the head gets no event, just resumed, and then each live event once', async () => {
    t = await start();
    await t.client.createVerification(smsRequest());
    const probe = await openStream(t.relay);
    probe.send({ type: 'resume', epoch: t.relay.epoch, since: 2 });
    await probe.next((event) => event.type === 'resumed');
    await t.client.createVerification(smsRequest({ to: '+14155550124' }));
    await probe.next((event) => event.type === 'message');
    expect(types(probe)).toEqual(['hello', 'resumed', 'verification', 'message']);
    expect(probe.events.at(-1)?.seq).toBe(4);
    probe.ws.close();
  });

  it('a snapshot in several pages: part and more on each, the same seq, then what came meanwhile, then resumed', async () => {
    t = await start({ stream: { snapshotPageBytes: 600 }, limits: { sendsPerWindow: 100 } });
    for (let i = 0; i < 3; i++) await t.client.createVerification(smsRequest({ to: `+1415555012${i + 4}` }));
    const probe = await openStream(t.relay);
    probe.send({ type: 'resume' });
    await probe.next((event) => event.type === 'resumed');
    const pages = probe.events.filter((event) => event.type === 'snapshot');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((page) => page.type === 'snapshot' && [page.data.part, page.data.more])).toEqual(
      pages.map((_, i) => [i, i < pages.length - 1]),
    );
    expect(new Set(pages.map((page) => page.seq))).toEqual(new Set([6]));
    const items = pages.flatMap((page) =>
      page.type === 'snapshot'
        ? [...page.data.verifications.map((v) => v.to), ...page.data.messages.map((m) => m.to)]
        : [],
    );
    expect(items.toSorted()).toEqual([
      '+14155550124',
      '+14155550124',
      '+14155550125',
      '+14155550125',
      '+14155550126',
      '+14155550126',
    ]);
    probe.ws.close();
  });

  it('gives an item larger than a page a page alone, with no empty page before it', async () => {
    t = await start({ stream: { snapshotPageBytes: 1 }, limits: { sendsPerWindow: 100 } });
    for (let i = 0; i < 2; i++) await t.client.createVerification(smsRequest({ to: `+1415555012${i + 4}` }));
    const probe = await openStream(t.relay);
    probe.send({ type: 'resume' });
    await probe.next((event) => event.type === 'resumed');
    const sizes = probe.events.flatMap((event) =>
      event.type === 'snapshot' ? [event.data.verifications.length + event.data.messages.length] : [],
    );
    expect(sizes).toEqual([1, 1, 1, 1]);
    probe.ws.close();
  });

  it('closes every client with 1001 when the relay stops', async () => {
    t = await start();
    const probes = [await openStream(t.relay), await openStream(t.relay)];
    await t.close();
    t = undefined;
    for (const probe of probes) expect((await probe.closed).code).toBe(1001);
  });

  it('stops, cutting off a client that never answers the close, instead of waiting on it', async () => {
    t = await start();
    const stuck = await openStream(t.relay);
    await stuck.next((event) => event.type === 'hello');
    // It reads nothing more, so it never sees the relay's close frame nor answers it (ws would wait 30 s).
    (stuck.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const polite = await openStream(t.relay);
    await t.close();
    t = undefined;
    expect((await polite.closed).code).toBe(1001);
    (stuck.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await stuck.closed;
  });

  it('answers a binary frame with an error and keeps the connection', async () => {
    t = await start();
    const probe = await openStream(t.relay);
    probe.ws.send(Buffer.from(JSON.stringify({ type: 'ping' })), { binary: true });
    const error = await probe.next((event) => event.type === 'error');
    expect(error.data).toMatchObject({ code: 'validation_failed' });
    expect(probe.ws.readyState).toBe(WebSocket.OPEN);
    probe.ws.close();
  });
});
