import { type MessageEventSchema, RelayStream, type StreamEvent } from '@otp-relay/shared';
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
});
