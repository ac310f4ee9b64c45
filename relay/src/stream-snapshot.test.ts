import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openStream, sleep, smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';

let t: TestRelay;
afterEach(() => t?.close());

describe('a large snapshot (issue 13 item 2, slow-client rule)', () => {
  it('8,000 live codes: a client that reads at full speed gets the multi-megabyte snapshot and stays connected', async () => {
    t = await startTestRelay({ limits: { sendsPerWindow: 100_000 } });
    for (let i = 0; i < 8000; i++) t.relay.service.create(smsRequest({ to: `c${i}@shop.example`, channel: 'email' }));
    const client = await openStream(t.relay);
    let closedWith: number | undefined;
    void client.closed.then(({ code }) => {
      closedWith = code;
    });
    client.send({ type: 'resume' });
    const snapshot = await client.next((e) => e.type === 'snapshot', 30_000);
    expect(snapshot.type === 'snapshot' && snapshot.data.messages.length).toBe(8000);
    // Far more than the 1 MiB slow-client limit in one frame; that alone is no reason to cut the client off.
    expect(Buffer.byteLength(JSON.stringify(snapshot))).toBeGreaterThan(4 * 1024 * 1024);
    await sleep(300);
    expect(closedWith).toBeUndefined();
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    // And it is live: the next code reaches it.
    t.relay.service.create(smsRequest({ to: 'after@shop.example', channel: 'email' }));
    await client.next((e) => e.type === 'message' && e.data.to === 'after@shop.example');
    client.ws.close();
  }, 60_000);
});
