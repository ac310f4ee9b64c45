import { afterEach, describe, expect, it } from 'vitest';
import { EMAIL, openStream, PHONE, smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';
import { Chaos } from './chaos.ts';

let t: TestRelay;
afterEach(() => t?.close());

describe('6. chaos', () => {
  it('drop: the issuer still gets 201, the message never arrives', async () => {
    t = await startTestRelay();
    await t.client.setChaos([{ match: { to: PHONE }, action: 'drop' }]);
    const created = await t.api('POST', '/api/v1/verifications', smsRequest());
    expect(created.status).toBe(201);
    expect(await t.client.listMessages()).toEqual([]);
    expect(t.relay.snapshot().verifications).toHaveLength(1);
    // Another destination is untouched.
    await t.client.createVerification(smsRequest({ to: EMAIL, channel: 'email' }));
    expect((await t.client.listMessages()).map((m) => m.to)).toEqual([EMAIL]);
  });

  it('delay: the message arrives after the delay on the relay clock', async () => {
    t = await startTestRelay({ testClock: true });
    await t.client.setChaos([{ action: 'delay', delayMs: 5000 }]);
    const stream = await openStream(t.relay);
    await t.client.createVerification(smsRequest());
    expect(await t.client.listMessages()).toEqual([]);
    await t.client.advanceClock(4999);
    expect(await t.client.listMessages()).toEqual([]);
    await t.client.advanceClock(1);
    const [message] = await t.client.listMessages();
    expect(message?.folder).toBe('inbox');
    expect(Date.parse(message?.createdAt as string) - Date.parse(message?.expiresAt as string)).toBe(5000 - 600_000);
    await stream.next((e) => e.type === 'message');
    stream.ws.close();
  });

  it('delay on the real clock', async () => {
    t = await startTestRelay();
    await t.client.setChaos([{ action: 'delay', delayMs: 300 }]);
    const started = Date.now();
    await t.client.createVerification(smsRequest());
    await t.client.waitForMessage({ to: PHONE, timeoutMs: 3000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('a delayed message of a code that died meanwhile never arrives', async () => {
    t = await startTestRelay({ testClock: true });
    await t.client.setChaos([{ action: 'delay', delayMs: 5000 }]);
    const { id } = await t.client.createVerification(smsRequest());
    await t.client.cancel(id);
    await t.client.advanceClock(10_000);
    expect(await t.client.listMessages()).toEqual([]);
  });

  it('spam: the message lands in the spam folder', async () => {
    t = await startTestRelay();
    await t.client.setChaos([{ match: { channel: 'email', purpose: 'signup' }, action: 'spam' }]);
    await t.client.createVerification(smsRequest({ to: EMAIL, channel: 'email', purpose: 'signup' }));
    await t.client.createVerification(smsRequest({ to: EMAIL, channel: 'email', purpose: 'login' }));
    const messages = await t.client.listMessages({ to: EMAIL });
    expect(messages.map((m) => [m.purpose, m.folder])).toEqual([
      ['login', 'inbox'],
      ['signup', 'spam'],
    ]);
  });

  it('fail: the issuer gets 502 delivery_failed and nothing is created', async () => {
    t = await startTestRelay();
    await t.client.setChaos([{ action: 'fail', times: 1 }]);
    const failed = await t.api('POST', '/api/v1/verifications', smsRequest());
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ code: 'delivery_failed' });
    expect(t.relay.snapshot()).toEqual({ messages: [], verifications: [] });
    expect((await t.client.getChaos()).rules).toEqual([]);
    expect((await t.api('POST', '/api/v1/verifications', smsRequest())).status).toBe(201);
  });

  it('fail on resend: the old code stays alive', async () => {
    t = await startTestRelay({ testClock: true });
    const { id } = await t.client.createVerification(smsRequest());
    const { code } = await t.client.waitForMessage({ to: PHONE });
    await t.client.setChaos([{ action: 'fail' }]);
    await t.client.advanceClock(30_000);
    expect((await t.api('POST', `/api/v1/verifications/${id}/resend`)).status).toBe(502);
    expect((await t.client.listMessages()).map((m) => m.code)).toEqual([code]);
    expect(await t.client.check(id, code as string)).toMatchObject({ valid: true });
  });

  it('reports rules with what is left of `times`', async () => {
    t = await startTestRelay();
    const state = await t.client.setChaos([{ match: { to: PHONE }, action: 'drop', times: 2, probability: 1 }]);
    expect(state.rules).toEqual([{ match: { to: PHONE }, action: 'drop', probability: 1, remaining: 2 }]);
    await t.client.createVerification(smsRequest());
    expect((await t.client.getChaos()).rules[0]?.remaining).toBe(1);
  });

  it('reset clears verifications, messages, chaos and limits, and tells the stream', async () => {
    t = await startTestRelay();
    const stream = await openStream(t.relay);
    stream.send({ type: 'resume' });
    await t.client.setChaos([{ action: 'spam' }]);
    const { id } = await t.client.createVerification(smsRequest());
    await t.client.reset();
    await stream.next((e) => e.type === 'reset');
    expect(await t.client.listMessages()).toEqual([]);
    expect((await t.client.getChaos()).rules).toEqual([]);
    expect((await t.api('GET', `/api/v1/verifications/${id}`)).status).toBe(404);
    // The resend cooldown and send counters are gone too: five fresh sends are allowed again.
    for (let i = 0; i < 5; i++) expect((await t.api('POST', '/api/v1/verifications', smsRequest())).status).toBe(201);
    stream.ws.close();
  });

  it.each([
    [0.25, 0.1, 'applies'],
    [0.25, 0.3, 'skips'],
  ])('probability %d with a roll of %d %s', (probability, roll, outcome) => {
    const chaos = new Chaos(() => roll);
    chaos.set([{ match: {}, action: 'drop', probability }]);
    const plan = chaos.plan({ to: PHONE, channel: 'sms', purpose: 'login' });
    expect(plan.action).toBe(outcome === 'applies' ? 'drop' : 'deliver');
  });
});
