import { RelayStream, type StreamEvent, tokenProof } from '@otp-relay/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sleep, smsRequest, startTestRelay, type TestRelay, wsUrl } from '../test-kit/relay-test-kit.ts';

/*
 * Issue 13 item 1 on the relay's side of the stream: the token is proved, never sent. A client offering a
 * nonce gets the relay's proof on it and nothing else until it proves the token in turn.
 */

let t: TestRelay;
afterEach(() => t?.close());

const NONCE = '0123456789abcdef0123456789abcdef';

/** A raw `ws` client offering `nonce`: every frame it gets, and how it was closed. */
async function challenged(nonce = NONCE) {
  const ws = new WebSocket(wsUrl(t.relay), ['otp-relay.v1', `otp-relay.nonce.${nonce}`]);
  const frames: { type: string; nonce?: string; proof?: string }[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  for (let i = 0; i < 100 && frames.length === 0; i++) await sleep(10);
  return { ws, frames, closed };
}

describe('the stream proves the token both ways', () => {
  it('answers a nonce with its proof on it, and sends hello only after the client proved the token', async () => {
    t = await startTestRelay();
    const client = await challenged();
    expect(client.frames).toHaveLength(1);
    const [challenge] = client.frames;
    expect(challenge).toEqual({
      type: 'challenge',
      nonce: expect.stringMatching(/^[0-9a-f]{32}$/),
      proof: expect.any(String),
    });
    expect(challenge?.proof).toBe(tokenProof(t.relay.token, 'stream relay', NONCE, challenge?.nonce ?? ''));
    t.relay.service.create(smsRequest());
    await sleep(100);
    expect(client.frames).toHaveLength(1); // nothing live reaches a client that has not proved itself

    client.ws.send(
      JSON.stringify({
        type: 'prove',
        proof: tokenProof(t.relay.token, 'stream client', challenge?.nonce ?? '', NONCE),
      }),
    );
    for (let i = 0; i < 100 && client.frames.length < 2; i++) await sleep(10);
    expect(client.frames[1]?.type).toBe('hello');
    client.ws.close();
  });

  it.each([
    [
      'a proof made with another token',
      (nonceR: string) => ({
        type: 'prove',
        proof: tokenProof('not-the-token-at-all', 'stream client', nonceR, NONCE),
      }),
    ],
    [
      'the relay’s own proof sent back (reflection)',
      (nonceR: string) => ({ type: 'prove', proof: tokenProof('x', 'stream relay', NONCE, nonceR) }),
    ],
    ['a resume instead of a proof', () => ({ type: 'resume' })],
  ])('closes a client that answers with %s (4401), having sent it nothing but the challenge', async (_name, answer) => {
    t = await startTestRelay();
    t.relay.service.create(smsRequest());
    const client = await challenged();
    const nonceR = client.frames[0]?.nonce ?? '';
    client.ws.send(JSON.stringify(answer(nonceR)));
    client.ws.send(JSON.stringify({ type: 'resume' })); // in flight before the close: must not be served
    expect(await client.closed).toBe(4401);
    expect(client.frames.map((f) => f.type)).toEqual(['challenge']);
  });

  it('closes a client that never proves itself (4408)', async () => {
    t = await startTestRelay({ stream: { proofTimeoutMs: 200 } });
    const client = await challenged();
    expect(await client.closed).toBe(4408);
    expect(client.frames.map((f) => f.type)).toEqual(['challenge']);
  });

  it('a proof seen on one connection is worth nothing on the next: the relay’s nonce is fresh each time', async () => {
    t = await startTestRelay();
    const first = await challenged();
    const nonceR = first.frames[0]?.nonce ?? '';
    const proof = tokenProof(t.relay.token, 'stream client', nonceR, NONCE);
    first.ws.send(JSON.stringify({ type: 'prove', proof }));
    for (let i = 0; i < 100 && first.frames.length < 2; i++) await sleep(10);
    expect(first.frames[1]?.type).toBe('hello');
    first.ws.close();
    // Someone who recorded that connection replays it, same nonce, same proof.
    const replay = await challenged();
    expect(replay.frames[0]?.nonce).not.toBe(nonceR);
    replay.ws.send(JSON.stringify({ type: 'prove', proof }));
    expect(await replay.closed).toBe(4401);
    expect(replay.frames.map((f) => f.type)).toEqual(['challenge']);
  });

  it('RelayStream (what the extension and RelayClient.stream use) proves itself and follows the relay', async () => {
    t = await startTestRelay();
    const stream = new RelayStream({
      url: t.relay.url,
      token: t.relay.token,
      createSocket: (url, protocols) => new WebSocket(url, protocols) as never,
    });
    try {
      const events: StreamEvent[] = [];
      stream.onEvent((event) => events.push(event));
      await stream.next('resumed'); // a resume without a cursor gets a snapshot, after hello
      expect(events.map((e) => e.type)).toEqual(['hello', 'snapshot', 'resumed']);
      const to = 'proved@shop.example';
      t.relay.service.create(smsRequest({ to, channel: 'email' }));
      await stream.next('message', (event) => event.data.to === to);
      expect(stream.state).toBe('open');
    } finally {
      stream.close();
    }
  });
});
