import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EMAIL, openStream, sleep, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';

let t: TestRelay;
afterEach(() => t?.close());

/** A raw socket that collects what the relay answers and notes when the relay hung up. */
function rawSocket(port: number) {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('latin1');
  const state = { answer: '', closed: false, closedAt: 0 };
  socket.on('data', (chunk: string) => {
    state.answer += chunk;
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) =>
    socket.on('close', () => {
      state.closed = true;
      state.closedAt = Date.now();
      resolve();
    }),
  );
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, state, closed, connected };
}

/** Sends a byte every `everyMs` until the socket closes: a body (or header) that never ends. */
function dribble(socket: Socket, byte: string, everyMs: number): () => void {
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(byte);
  }, everyMs);
  return () => clearInterval(timer);
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, sleep(ms).then(() => 'still open' as const)]);

describe('sockets held by slow clients (issue 13 item 4)', () => {
  it('cuts off a request body dribbled a byte at a time once requestTimeoutMs has passed', async () => {
    t = await startTestRelay({ http: { headersTimeoutMs: 500, requestTimeoutMs: 1000 } });
    const port = t.relay.port;
    const slow = rawSocket(port);
    await slow.connected;
    const startedAt = Date.now();
    slow.socket.write(
      `POST /api/v1/verifications HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${t.relay.token}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
    );
    const stop = dribble(slow.socket, ' ', 100);
    // Node's default would hold this socket for 300 s; here it is gone within seconds.
    expect(await within(slow.closed, 10_000)).not.toBe('still open');
    stop();
    expect(slow.state.closedAt - startedAt).toBeLessThan(10_000);
    expect(slow.state.answer).toMatch(/^HTTP\/1\.1 408/);
    // The relay is unharmed.
    expect((await fetch(`${t.relay.url}/healthz`)).status).toBe(200);
  });

  it('cuts off headers dribbled a byte at a time once headersTimeoutMs has passed', async () => {
    t = await startTestRelay({ http: { headersTimeoutMs: 500, requestTimeoutMs: 1000 } });
    const slow = rawSocket(t.relay.port);
    await slow.connected;
    slow.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${t.relay.port}\r\nX-Slow: `);
    const stop = dribble(slow.socket, 'a', 100);
    expect(await within(slow.closed, 10_000)).not.toBe('still open');
    stop();
    expect(slow.state.answer).not.toContain('"ok":true');
  });

  it('a long poll waits longer than requestTimeoutMs: the timeout is on the request, not the answer', async () => {
    t = await startTestRelay({ http: { headersTimeoutMs: 300, requestTimeoutMs: 500 } });
    const startedAt = Date.now();
    const poll = await t.api('GET', `/api/v1/messages/latest?to=${encodeURIComponent(EMAIL)}&wait=2`);
    expect(poll.status).toBe(404);
    expect((poll.body as { code: string }).code).toBe('message_not_found');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1900);
  });

  it('a stream stays open past requestTimeoutMs (an upgraded socket is no longer a request)', async () => {
    t = await startTestRelay({ http: { headersTimeoutMs: 300, requestTimeoutMs: 500 } });
    const stream = await openStream(t.relay);
    await sleep(1500);
    expect(stream.ws.readyState).toBe(stream.ws.OPEN);
    stream.ws.close();
  });

  it('refuses connections past maxConnections while the ones it holds keep working', async () => {
    t = await startTestRelay({ http: { maxConnections: 3 } });
    const port = t.relay.port;
    const held = [rawSocket(port), rawSocket(port), rawSocket(port)];
    await Promise.all(held.map((s) => s.connected));
    await sleep(100);
    const extra = rawSocket(port);
    // The kernel accepts the TCP connection; the relay drops it at once without reading a byte.
    extra.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(await within(extra.closed, 5000)).not.toBe('still open');
    expect(extra.state.answer).toBe('');
    // Each held connection still gets its answer.
    for (const s of held) {
      s.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    }
    await sleep(300);
    for (const s of held) expect(s.state.answer).toMatch(/^HTTP\/1\.1 200[\s\S]*\{"ok":true\}/);
    // Once one leaves, a new connection is served again.
    held[0]?.socket.destroy();
    await held[0]?.closed;
    await sleep(100);
    const next = rawSocket(port);
    next.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    await within(next.closed, 5000);
    expect(next.state.answer).toMatch(/^HTTP\/1\.1 200/);
    for (const s of held) s.socket.destroy();
  });
});
