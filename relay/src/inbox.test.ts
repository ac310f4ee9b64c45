import { afterEach, describe, expect, it } from 'vitest';
import { EMAIL, PHONE, sleep, smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';

let t: TestRelay;
afterEach(() => t?.close());

describe('inbox', () => {
  it('lists live messages newest first, filtered by to, purpose, origin, folder and since', async () => {
    t = await startTestRelay({ testClock: true });
    await t.client.setChaos([{ match: { channel: 'email' }, action: 'spam' }]);
    await t.client.createVerification(smsRequest({ purpose: 'signup' }));
    await t.client.advanceClock(1);
    await t.client.createVerification(smsRequest({ to: EMAIL, channel: 'email', origin: 'https://shop.example' }));
    await t.client.advanceClock(1);
    await t.client.createVerification(smsRequest({ purpose: 'transaction' }));

    const all = await t.client.listMessages();
    expect(all.map((m) => m.purpose)).toEqual(['transaction', 'login', 'signup']);
    expect((await t.client.listMessages({ to: PHONE })).map((m) => m.purpose)).toEqual(['transaction', 'signup']);
    expect((await t.client.listMessages({ purpose: 'signup' })).map((m) => m.to)).toEqual([PHONE]);
    expect((await t.client.listMessages({ origin: 'https://shop.example' })).map((m) => m.to)).toEqual([EMAIL]);
    expect((await t.client.listMessages({ folder: 'spam' })).map((m) => m.to)).toEqual([EMAIL]);
    const since = all[2]?.createdAt as string;
    expect((await t.client.listMessages({ since })).map((m) => m.purpose)).toEqual(['transaction', 'login']);
    expect(await t.client.listMessages({ limit: 1 })).toHaveLength(1);
    // Typed by hand, unencoded: the + arrives as a space and is read as a plus.
    expect((await t.api('GET', '/api/v1/messages?to=+14155550123')).body.messages).toHaveLength(2);
  });

  it('latest answers at once when a live match exists, and 404 message_not_found when the wait ends empty', async () => {
    t = await startTestRelay();
    const empty = await t.api('GET', '/api/v1/messages/latest?to=%2B14155550123');
    expect(empty).toMatchObject({ status: 404, body: { code: 'message_not_found' } });
    await t.client.createVerification(smsRequest());
    const started = Date.now();
    const found = await t.api('GET', '/api/v1/messages/latest?to=%2B14155550123&wait=30');
    expect(found.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    const timedOut = Date.now();
    expect((await t.api('GET', '/api/v1/messages/latest?to=%2B10000000000&wait=1')).status).toBe(404);
    expect(Date.now() - timedOut).toBeGreaterThanOrEqual(950);
  });

  it('a long poll is released the moment a matching message arrives', async () => {
    t = await startTestRelay();
    const waiting = t.api('GET', '/api/v1/messages/latest?to=%2B14155550123&purpose=login&wait=30');
    await sleep(50);
    await t.client.createVerification(smsRequest({ purpose: 'signup' })); // not a match
    await t.client.createVerification(smsRequest({ purpose: 'login' }));
    const started = Date.now();
    const answer = await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(answer.body).toMatchObject({ to: '+14155550123', purpose: 'login' });
  });

  it('waitForMessage (typed client) resolves with the message', async () => {
    t = await startTestRelay();
    const waiting = t.client.waitForMessage({ to: EMAIL, timeoutMs: 5000 });
    await sleep(20);
    await t.client.createVerification(smsRequest({ to: EMAIL, channel: 'email' }));
    expect((await waiting).channel).toBe('email');
  });

  it('forgets a waiter whose client went away', async () => {
    t = await startTestRelay();
    const controller = new AbortController();
    const waiting = fetch(`${t.relay.url}/api/v1/messages/latest?wait=60`, {
      headers: { authorization: `Bearer ${t.relay.token}` },
      signal: controller.signal,
    }).catch(() => 'aborted');
    await sleep(50);
    expect(t.relay.inbox.waiting).toBe(1);
    controller.abort();
    expect(await waiting).toBe('aborted');
    await sleep(50);
    expect(t.relay.inbox.waiting).toBe(0);
  });
});
