import type { AddressInfo } from 'node:net';
import type { Message } from '@otp-relay/shared';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMAIL, PHONE, startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';
import { createDemoRouter, DEMO_RATE_LIMIT } from './router.ts';

/*
 * The demo against a whole relay (test clock, real service, real inbox): what the e2e suite and a new user
 * see. The codes come from the relay's inbox API, never from the demo's answers.
 */

let t: TestRelay;
const texts: string[] = [];
const codes: string[] = [];

beforeEach(async () => {
  t = await startTestRelay({ demo: true, testClock: true });
  texts.length = 0;
  codes.length = 0;
});
afterEach(async () => {
  for (const code of codes) for (const text of texts) expect(text).not.toMatch(new RegExp(`(?<!\\d)${code}(?!\\d)`));
  await t.close();
});

async function demo(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${t.relay.url}/demo/api${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  texts.push(text);
  return { status: response.status, body: JSON.parse(text) };
}

/** The live message for the flow's current verification, as the extension would receive it. */
async function messageFor(view: { verificationId: string }, to: string): Promise<Message> {
  const message = await t.client.waitForMessage({ to, timeoutMs: 2_000 });
  expect(message.verificationId).toBe(view.verificationId);
  codes.push(message.code as string);
  return message;
}

describe('the demo on a real relay', () => {
  it('sends a code bound to the demo origin, counts a wrong one, then verifies', async () => {
    const started = await demo('POST', '/flows', { flow: 'signup', channel: 'sms', to: PHONE });
    expect(started.status).toBe(201);
    const message = await messageFor(started.body, PHONE);
    expect(message).toMatchObject({ origin: t.relay.url, purpose: 'signup', channel: 'sms' });

    const wrong = message.code === '000000' ? '111111' : '000000';
    const tried = await demo('POST', `/flows/${started.body.id}/verify`, { code: wrong });
    expect(tried.body).toMatchObject({ state: 'wrong', message: 'Wrong code. 4 attempts left.' });
    const done = await demo('POST', `/flows/${started.body.id}/verify`, { code: message.code });
    expect(done.body).toMatchObject({ state: 'success', message: 'Phone verified' });
  });

  it('shows a test-clock expiry at once, and a new code after it works while the old one does not', async () => {
    const started = await demo('POST', '/flows', { flow: 'login', channel: 'email', to: EMAIL, password: 'pw' });
    const old = await messageFor(started.body, EMAIL);
    await t.client.advanceClock(600_000);
    const polled = await demo('GET', `/flows/${started.body.id}`);
    expect(polled.body).toMatchObject({ state: 'expired', message: 'This code has expired. Request a new one.' });
    expect(polled.body.serverNow).toBe(started.body.serverNow + 600_000);

    const resent = await demo('POST', `/flows/${started.body.id}/resend`);
    expect(resent.body).toMatchObject({ state: 'sent', status: 'pending' });
    const fresh = await messageFor(resent.body, EMAIL);
    if (fresh.code !== old.code) {
      const stale = await demo('POST', `/flows/${started.body.id}/verify`, { code: old.code });
      expect(stale.body.state).toBe('wrong');
    }
    const done = await demo('POST', `/flows/${started.body.id}/verify`, { code: fresh.code });
    expect(done.body).toMatchObject({ state: 'success', message: 'Signed in' });
  });

  it('locks after five wrong codes and recovers with a new code', async () => {
    const started = await demo('POST', '/flows', { flow: 'confirm', action: 'payout', channel: 'sms', to: PHONE });
    const first = await messageFor(started.body, PHONE);
    expect(first.code).toHaveLength(6);
    expect(first.purpose).toBe('transaction');
    const wrong = first.code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await demo('POST', `/flows/${started.body.id}/verify`, { code: wrong });
    const locked = await demo('GET', `/flows/${started.body.id}`);
    expect(locked.body).toMatchObject({ state: 'locked', message: 'Too many wrong attempts. Request a new code.' });

    const resent = await demo('POST', `/flows/${started.body.id}/resend`);
    expect(resent.status).toBe(200);
    const second = await messageFor(resent.body, PHONE);
    const done = await demo('POST', `/flows/${started.body.id}/verify`, { code: second.code });
    expect(done.body).toMatchObject({ state: 'success', message: 'Payout confirmed' });
  });

  it('holds a resend inside the cooldown and reports a delivery failure', async () => {
    const started = await demo('POST', '/flows', { flow: 'signup', channel: 'email', to: EMAIL });
    await messageFor(started.body, EMAIL);
    const early = await demo('POST', `/flows/${started.body.id}/resend`);
    expect(early.status).toBe(429);
    expect(early.body).toMatchObject({ code: 'resend_cooldown', retryAfterSeconds: 30, state: 'error' });

    await t.client.setChaos([{ match: { to: EMAIL }, action: 'fail' }]);
    await t.client.advanceClock(30_000);
    const failed = await demo('POST', `/flows/${started.body.id}/resend`);
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ code: 'delivery_failed', state: 'error' });
  });
});

describe('the demo under abuse, on a real relay', () => {
  it('a burst of flows past the default pace gets 429 with Retry-After, and sends nothing more', async () => {
    for (let i = 0; i < DEMO_RATE_LIMIT.burst; i++) {
      const to = `seller${i}@example.com`;
      expect((await demo('POST', '/flows', { flow: 'signup', channel: 'email', to })).status).toBe(201);
    }
    const response = await fetch(`${t.relay.url}/demo/api/flows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ flow: 'signup', channel: 'email', to: 'one-more@example.com' }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await response.json()).toMatchObject({ code: 'rate_limited', state: 'error' });
    expect(await t.client.listMessages({ to: 'one-more@example.com' })).toEqual([]);
  });

  it('flows dropped past the cap take their codes with them: canceled on the relay, gone from its inbox', async () => {
    // An embedder's mount of the demo (any app can mount it on the relay's service), with a small cap.
    const app = express();
    app.use('/demo', createDemoRouter({ service: t.relay.service, now: () => t.relay.clock.now(), maxFlows: 2 }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const started = [];
      for (const to of ['a@example.com', 'b@example.com', 'c@example.com']) {
        const response = await fetch(`${origin}/demo/api/flows`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ flow: 'signup', channel: 'email', to }),
        });
        expect(response.status).toBe(201);
        started.push({ to, view: await response.json() });
        await messageFor(started.at(-1)?.view, to);
      }
      const [dropped, ...kept] = started;
      if (!dropped) throw new Error('no flow started');
      expect((await t.client.getVerification(dropped.view.verificationId)).status).toBe('canceled');
      expect(await t.client.listMessages({ to: dropped.to })).toEqual([]);
      expect((await fetch(`${origin}/demo/api/flows/${dropped.view.id}`)).status).toBe(404);
      for (const { view } of kept) expect((await t.client.getVerification(view.verificationId)).status).toBe('pending');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
