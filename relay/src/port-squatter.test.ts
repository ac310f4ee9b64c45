import { type MessageEventSchema, RelayClient, RelayError, RelayStream, type StreamEvent } from '@otp-relay/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { z } from 'zod';
import { type PortSquatter, squatPort } from '../test-kit/port-squatter.ts';
import { sleep, smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';

/*
 * Issue 13 item 1, the attack as the review ran it: the relay stops, another process binds its port, and the
 * clients reconnect to it. Over real sockets: the squatter learns no token and nothing it could replay, and
 * nothing it pushes is taken for an event. Then the relay comes back on the port and the clients follow it.
 */

let t: TestRelay | undefined;
let squatter: PortSquatter | undefined;
let stream: RelayStream | undefined;
afterEach(async () => {
  stream?.close();
  await squatter?.close();
  await t?.close();
  t = squatter = stream = undefined;
});

const until = async (condition: () => boolean, ms = 10_000) => {
  for (let waited = 0; waited < ms && !condition(); waited += 20) await sleep(20);
  expect(condition()).toBe(true);
};

describe('a process squatting on the relay’s port', () => {
  it('gets no token and nothing replayable from the stream, and what it pushes is never an event', async () => {
    t = await startTestRelay();
    const { token } = t.relay;
    const port = Number(new URL(t.relay.url).port);
    stream = new RelayStream({
      url: t.relay.url,
      token,
      backoffBaseMs: 20,
      backoffCapMs: 200,
      createSocket: (url, protocols) => new WebSocket(url, protocols) as never,
    });
    const events: StreamEvent[] = [];
    stream.onEvent((event) => events.push(event));
    await stream.next('snapshot');
    t.relay.service.create(smsRequest({ to: 'real@shop.example', channel: 'email' }));
    const real = (await stream.next('message')) as z.infer<typeof MessageEventSchema>;

    await t.close();
    t = undefined;
    // What the squatter pushes: a challenge it cannot prove, then the frames a relay would send, with a code
    // of its own for the same site, numbered after what the client has seen.
    const fake = { ...real, seq: real.seq + 1, data: { ...real.data, id: 'msg_squatted', code: '999999' } };
    const hello = { ...real, type: 'hello', data: { relayVersion: '9', pingIntervalMs: 30_000 } };
    squatter = await squatPort(port, () => [
      JSON.stringify({ type: 'challenge', nonce: 'cd'.repeat(16), proof: 'ef'.repeat(32) }),
      JSON.stringify(hello),
      JSON.stringify(fake),
    ]);
    await until(() => (squatter?.record.upgrades.length ?? 0) >= 3); // it keeps reconnecting, and keeps leaving

    const seen = events.length;
    await sleep(200);
    expect(events.length).toBe(seen);
    expect(events.some((event) => event.type === 'message' && event.data.code === '999999')).toBe(false);
    expect(stream.state).toBe('reconnecting');
    // All it got: upgrades offering a fresh random nonce each, and not one frame.
    expect(squatter.everything()).not.toContain(token);
    expect(squatter.record.frames).toEqual([]);
    const nonces = squatter.record.upgrades.map((u) => u.headers['sec-websocket-protocol']);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const offered of nonces) expect(offered).toMatch(/^otp-relay\.v1, ?otp-relay\.nonce\.[0-9a-f]{32}$/);

    // The relay comes back on its port with its token: the client proves itself to it and follows it again.
    await squatter.close();
    squatter = undefined;
    t = await startTestRelay({ port, token });
    await until(() => events.filter((event) => event.type === 'snapshot').length === 2); // a new epoch: a snapshot
    const to = 'back@shop.example';
    t.relay.service.create(smsRequest({ to, channel: 'email' }));
    await stream.next('message', (event) => event.data.to === to);
  }, 30_000);

  it('gets no token and nothing replayable from RelayClient, and none of its answers is used', async () => {
    t = await startTestRelay();
    const { token } = t.relay;
    const port = Number(new URL(t.relay.url).port);
    const client = new RelayClient({ url: t.relay.url, token });
    await client.listMessages();
    await t.close();
    t = undefined;
    // It answers like a relay: a handshake with a proof it made up, then a message list with a code of its own.
    squatter = await squatPort(
      port,
      () => [],
      (req) => ({
        status: 200,
        headers: { 'content-type': 'application/json', 'otp-relay-proof': 'ab'.repeat(32) },
        body:
          req.url === '/api/v1/session'
            ? JSON.stringify({ relayNonce: 'cd'.repeat(32), relayProof: 'ef'.repeat(32) })
            : JSON.stringify({ messages: [] }),
      }),
    );
    const fresh = new RelayClient({ url: `http://127.0.0.1:${port}`, token }); // e.g. pairing, or a diagnosis
    const calls: (() => Promise<unknown>)[] = [
      () => fresh.listMessages(),
      () => client.listMessages(),
      () => client.createVerification(smsRequest({ to: 'x@shop.example', channel: 'email' })),
    ];
    for (const call of calls) {
      const error = await once(call).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RelayError);
      expect((error as RelayError).code).toBe('relay_unproven');
    }
    expect(squatter.everything()).not.toContain(token);
    // What it got: handshakes carrying only a fresh nonce, and requests signed in the session the client had
    // with the relay that stopped. Replayed to the relay once it is back, every one of them is refused.
    const { requests } = squatter.record;
    const handshakes = requests.filter((r) => r.url === '/api/v1/session');
    expect(handshakes.length).toBeGreaterThan(0);
    for (const r of handshakes) expect(r.body).toMatch(/^\{"clientNonce":"[0-9a-f]{32}"\}$/);
    const signed = requests.filter((r) => r.url !== '/api/v1/session');
    expect(signed.length).toBeGreaterThan(0);
    await squatter.close();
    squatter = undefined;
    t = await startTestRelay({ port, token });
    for (const r of signed) {
      const headers = Object.fromEntries(
        Object.entries(r.headers).filter(([name]) => ['authorization', 'content-type'].includes(name)),
      ) as Record<string, string>;
      const replayed = await once(() =>
        fetch(`${t?.relay.url}${r.url}`, { method: r.method, headers, ...(r.body ? { body: r.body } : {}) }),
      );
      expect(replayed.status).toBe(401);
    }
    expect(t.relay.snapshot().verifications).toEqual([]);
  });
});

/** Node's fetch may first pick a kept-alive socket of the relay that stopped ("other side closed"): once more. */
async function once<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return call();
  }
}
