import { RelayStream, type StreamEvent } from '@otp-relay/shared';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openStream, PHONE, sleep, smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';

let relays: TestRelay[] = [];
afterEach(async () => {
  await Promise.all(relays.map((r) => r.close()));
  relays = [];
});
async function start(options: Parameters<typeof startTestRelay>[0] = {}) {
  const t = await startTestRelay(options);
  relays.push(t);
  return t;
}
const createWS = (url: string, protocols: string[]) => new WebSocket(url, protocols) as never;

describe('7. live stream', () => {
  it('says hello with the epoch, answers ping with pong, and rejects bad frames without closing', async () => {
    const t = await start();
    const probe = await openStream(t.relay);
    const hello = await probe.next((e) => e.type === 'hello');
    expect(hello).toMatchObject({ epoch: t.relay.epoch, seq: 0, data: { pingIntervalMs: 30_000 } });
    expect(t.relay.epoch).toMatch(/^[0-9a-f]{16}$/);
    expect(probe.ws.protocol).toBe('otp-relay.v1');
    probe.send({ type: 'ping' });
    await probe.next((e) => e.type === 'pong');
    probe.ws.send('not json');
    const error = await probe.next((e) => e.type === 'error');
    expect(error.data).toMatchObject({ code: 'malformed_json' });
    probe.send({ type: 'resume', since: 'x' });
    await probe.next((e) => e.type === 'error' && e.data.code === 'validation_failed');
    expect(probe.ws.readyState).toBe(WebSocket.OPEN);
    probe.ws.close();
  });

  it('replays every missed event exactly once after a disconnect (raw frames)', async () => {
    const t = await start({ testClock: true, limits: { sendsPerWindow: 100 } });
    const first = await openStream(t.relay);
    first.send({ type: 'resume' });
    await t.client.createVerification(smsRequest());
    const seen = await first.next((e) => e.type === 'message');
    first.ws.close();
    await first.closed;

    // While away: three verifications (verification + message events each) and a clock tick.
    for (let i = 0; i < 3; i++) await t.client.createVerification(smsRequest({ to: `+1415555012${i + 4}` }));
    await t.client.advanceClock(1000);

    const second = await openStream(t.relay);
    second.send({ type: 'resume', epoch: t.relay.epoch, since: seen.seq });
    await second.next((e) => e.type === 'clock');
    await t.client.createVerification(smsRequest({ to: '+14155550199' }));
    await second.next((e) => e.type === 'message' && e.data.to === '+14155550199');
    // hello and resumed are frames, not events: they carry the latest seq, not one of their own.
    const replayable = second.events.filter((e) => e.type !== 'hello' && e.type !== 'resumed');
    const seqs = replayable.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seen.seq + 1 + i));
    expect(replayable.filter((e) => e.type === 'message')).toHaveLength(4);
    expect(replayable.some((e) => e.type === 'snapshot')).toBe(false);
    second.ws.close();
  });

  it('sends a snapshot of live messages and pending verifications when the epoch is not this run', async () => {
    const t = await start();
    await t.client.createVerification(smsRequest());
    const probe = await openStream(t.relay);
    probe.send({ type: 'resume', epoch: '0123456789abcdef', since: 42 });
    const snapshot = await probe.next((e) => e.type === 'snapshot');
    if (snapshot.type !== 'snapshot') throw new Error('unreachable');
    expect(snapshot.data.messages.map((m) => m.to)).toEqual([PHONE]);
    expect(snapshot.data.verifications.map((v) => v.status)).toEqual(['pending']);
    expect(snapshot.seq).toBe(2);
    probe.ws.close();
  });

  it('RelayStream resumes across a forced reconnect and a relay restart, each event once', async () => {
    const t = await start({ limits: { sendsPerWindow: 100 } });
    const port = t.relay.port;
    const stream = new RelayStream({
      url: t.relay.url,
      token: t.relay.token,
      createSocket: createWS,
      backoffBaseMs: 10,
    });
    const received: StreamEvent[] = [];
    stream.onEvent((e) => received.push(e));
    await stream.next('snapshot');
    const firstMessage = stream.next('message');
    await t.client.createVerification(smsRequest());
    await firstMessage;

    stream.reconnectNow();
    const missed = stream.next('message', (e) => e.data.to === '+14155550124');
    await t.client.createVerification(smsRequest({ to: '+14155550124' }));
    await missed;
    const messages = received.filter((e) => e.type === 'message');
    expect(messages.map((e) => e.type === 'message' && e.data.to)).toEqual([PHONE, '+14155550124']);
    const seqs = received.filter((e) => e.type === 'message' || e.type === 'verification').map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);

    // Restart on the same port and token: a new epoch, so the client is brought up to date by a snapshot.
    await t.close();
    relays = [];
    const restarted = await start({ port, token: t.relay.token });
    await restarted.client.createVerification(smsRequest({ to: '+14155550125' }));
    const snapshot = await stream.next('snapshot', (e) => e.epoch === restarted.relay.epoch, 15_000);
    expect(snapshot.data.messages.map((m) => m.to)).toEqual(['+14155550125']);
    expect(stream.cursor?.epoch).toBe(restarted.relay.epoch);
    stream.close();
  });

  it('closes a client that sends a frame over 16 KiB (1009), and keeps the others', async () => {
    const t = await start();
    const big = await openStream(t.relay);
    const healthy = await openStream(t.relay);
    // ws reports the frame as an 'error' on the relay's socket: unheard, it would throw and stop the relay
    // process (here the test runner catches it, so look for it).
    const thrown: unknown[] = [];
    const record = (error: unknown) => thrown.push(error);
    process.on('uncaughtException', record);
    try {
      big.ws.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(16 * 1024) }));
      expect((await big.closed).code).toBe(1009);
      healthy.send({ type: 'ping' });
      await healthy.next((e) => e.type === 'pong');
    } finally {
      process.off('uncaughtException', record);
    }
    expect(thrown).toEqual([]);
    healthy.ws.close();
  });

  it('drops a client that stops answering pings, and keeps the others', async () => {
    const t = await start({ stream: { pingIntervalMs: 100 } });
    const silent = await openStream(t.relay, { autoPong: false });
    const healthy = await openStream(t.relay);
    const closed = await silent.closed;
    expect(closed.code).toBe(1006);
    await sleep(250);
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
    await t.client.createVerification(smsRequest());
    await healthy.next((e) => e.type === 'message');
    healthy.ws.close();
  });

  it('judges a client on more than the limit waiting: at a limit of 0, a client that keeps up keeps its stream', async () => {
    // Nothing is still pending before a send to a client that reads at once, on every send and every ping.
    const t = await start({ stream: { maxBufferedBytes: 0, pingIntervalMs: 50 } });
    const probe = await openStream(t.relay);
    probe.send({ type: 'resume' });
    await probe.next((e) => e.type === 'resumed');
    // The heartbeat has run: it pinged this client and then looked at what was still waiting for it.
    await new Promise((resolve) => probe.ws.once('ping', resolve));
    await t.client.createVerification(smsRequest());
    await probe.next((e) => e.type === 'message');
    probe.send({ type: 'ping' });
    await probe.next((e) => e.type === 'pong');
    expect(probe.ws.readyState).toBe(WebSocket.OPEN);
    probe.ws.close();
  });

  it('drops a client whose bufferedAmount passes the limit, and keeps the others', async () => {
    // A lower limit than the 1 MiB default: loopback kernel buffers here absorb tens of MB before it grows.
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    const t = await start({ logger, stream: { maxBufferedBytes: 256 * 1024 }, limits: { sendsPerWindow: 100_000 } });
    const cutOff = () => warnings.some((line) => line.includes('too slow'));
    const healthy = await openStream(t.relay);
    // Live before the burst, not only after its resume grace: a burst that ends inside the grace would reach
    // it as one snapshot instead of events (this failed once creates got faster).
    healthy.send({ type: 'resume' });
    await healthy.next((e) => e.type === 'resumed');
    const slow = await openStream(t.relay);
    slow.send({ type: 'resume' });
    await slow.next((e) => e.type === 'resumed');
    // The slow client stops reading: the kernel buffers fill, then the relay's send buffer grows. (Snapshots
    // no longer do it: their pages wait for the socket to drain, so a stalled reader holds one page at most.)
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    // In batches, as traffic really comes: a reader that keeps up drains its buffer between them.
    let sent = 0;
    while (!cutOff() && sent < 60_000) {
      for (let i = 0; i < 100; i++, sent++)
        t.relay.service.create(smsRequest({ to: `+1415${String(sent).padStart(7, '0')}` }));
      await sleep(5);
    }
    const last = `+1415${String(sent - 1).padStart(7, '0')}`;
    await healthy.next((e) => e.type === 'message' && e.data.to === last, 30_000);
    healthy.send({ type: 'ping' });
    await healthy.next((e) => e.type === 'pong');
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
    expect(warnings.filter((line) => line.includes('too slow'))).toHaveLength(1); // the slow one only
    healthy.ws.close();
  }, 60_000);
});
