import { maskDestination } from '@otp-relay/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemo } from '../../test-kit/demo-test-kit.ts';

const PHONE = '+14155550123';
const EMAIL = 'seller@example.com';

let demo: Awaited<ReturnType<typeof startDemo>>;
beforeEach(async () => {
  demo = await startDemo();
});
afterEach(async () => {
  // Whatever a test did, no answer may ever have carried a code (a bare run of its digits, anywhere).
  for (const code of demo.service.issued) {
    for (const answer of demo.answers) expect(answer.text).not.toMatch(new RegExp(`(?<!\\d)${code}(?!\\d)`));
  }
  await demo.close();
});

async function startSignup(to = PHONE, channel: 'sms' | 'email' = 'sms') {
  const answer = await demo.post('/demo/api/flows', { flow: 'signup', channel, to });
  expect(answer.status).toBe(201);
  return answer.body;
}

/** The code the fake sent last: each test walks one flow at a time, so it is the flow's live code. */
function lastCode(): string {
  return demo.service.issued.at(-1) as string;
}

describe('starting a flow', () => {
  it('sends a code to the destination and shows it only masked, bound to the page origin', async () => {
    const view = await startSignup();
    expect(view).toMatchObject({
      flow: 'signup',
      channel: 'sms',
      maskedDestination: maskDestination(PHONE),
      status: 'pending',
      attemptsRemaining: 5,
      codeLength: 6,
      state: 'sent',
      message: `We sent a code by SMS to ${maskDestination(PHONE)}.`,
      serverNow: demo.service.clock,
      expiresAt: demo.service.clock + 600_000,
      resendAvailableAt: demo.service.clock + 30_000,
    });
    expect(view.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(JSON.stringify(view)).not.toContain(PHONE);
    const [verification] = demo.service.created;
    expect(verification).toMatchObject({ to: PHONE, channel: 'sms', purpose: 'signup', origin: demo.origin });
  });

  it('accepts a phone number typed with spaces and dashes', async () => {
    await startSignup('+1 (415) 555-0123');
    expect(demo.service.created[0]?.to).toBe(PHONE);
  });

  it.each([
    ['signup', { flow: 'signup', channel: 'email', to: EMAIL }, 'signup', 'email'],
    ['login', { flow: 'login', channel: 'email', to: EMAIL, password: 'anything' }, 'login', 'email'],
    ['payout', { flow: 'confirm', action: 'payout', channel: 'sms', to: PHONE }, 'transaction', 'sms'],
    [
      'settings change',
      { flow: 'confirm', action: 'settings', channel: 'email', to: EMAIL },
      'account_change',
      'email',
    ],
  ])('starts a %s flow with the right purpose', async (_name, body, purpose, channel) => {
    const answer = await demo.post('/demo/api/flows', body);
    expect(answer.status).toBe(201);
    expect(answer.body.channel).toBe(channel);
    expect(demo.service.created[0]).toMatchObject({ purpose, origin: demo.origin });
    if (body.flow === 'confirm') expect(demo.service.created[0]?.codeLength).toBe(6);
  });

  it.each([
    ['a phone number that is not E.164', { flow: 'signup', channel: 'sms', to: '555-0123' }, 'to'],
    ['a bad email address', { flow: 'signup', channel: 'email', to: 'seller@' }, 'to'],
    ['an empty destination', { flow: 'signup', channel: 'sms', to: '  ' }, 'to'],
    ['a login without a password', { flow: 'login', channel: 'email', to: EMAIL, password: '' }, 'password'],
    ['an unknown field', { flow: 'signup', channel: 'sms', to: PHONE, origin: 'https://evil.example' }, 'origin'],
    ['an unknown flow', { flow: 'refund', channel: 'sms', to: PHONE }, 'flow'],
  ])('refuses %s with a field error', async (_name, body, field) => {
    const answer = await demo.post('/demo/api/flows', body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ code: 'validation_failed', state: 'error' });
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(demo.service.created).toHaveLength(0);
  });

  it('says so when the code could not be delivered', async () => {
    demo.service.failNextDelivery = true;
    const answer = await demo.post('/demo/api/flows', { flow: 'signup', channel: 'sms', to: PHONE });
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ code: 'delivery_failed', state: 'error' });
    expect(answer.body.message).toMatch(/couldn't send the code/);
  });

  it('says so when too many codes were sent to the destination', async () => {
    for (let i = 0; i < 5; i++) await startSignup();
    const answer = await demo.post('/demo/api/flows', { flow: 'signup', channel: 'sms', to: PHONE });
    expect(answer.status).toBe(429);
    expect(answer.body).toMatchObject({ code: 'send_limit_reached', state: 'error' });
    expect(answer.body.message).toMatch(/too many codes/);
  });
});

describe('checking the code', () => {
  it('verifies the right code and stays verified', async () => {
    const view = await startSignup();
    const answer = await demo.post(`/demo/api/flows/${view.id}/verify`, { code: lastCode() });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ state: 'success', message: 'Phone verified', status: 'approved' });
    expect((await demo.get(`/demo/api/flows/${view.id}`)).body).toMatchObject({ state: 'success', status: 'approved' });
  });

  it.each([
    ['signup', { flow: 'signup', channel: 'email', to: EMAIL }, 'Email verified'],
    ['login', { flow: 'login', channel: 'email', to: EMAIL, password: 'x' }, 'Signed in'],
    ['payout', { flow: 'confirm', action: 'payout', channel: 'sms', to: PHONE }, 'Payout confirmed'],
    ['settings', { flow: 'confirm', action: 'settings', channel: 'sms', to: PHONE }, 'Settings change confirmed'],
  ])('names the %s success in plain words', async (_name, body, message) => {
    const view = (await demo.post('/demo/api/flows', body)).body;
    const answer = await demo.post(`/demo/api/flows/${view.id}/verify`, { code: lastCode() });
    expect(answer.body).toMatchObject({ state: 'success', message });
  });

  it('counts wrong codes down, then locks and offers a new code that works', async () => {
    const view = await startSignup();
    const wrong = lastCode() === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) {
      const answer = await demo.post(`/demo/api/flows/${view.id}/verify`, { code: wrong });
      expect(answer.body).toMatchObject({ state: 'wrong', attemptsRemaining: left, status: 'pending' });
      expect(answer.body.message).toBe(`Wrong code. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`);
    }
    const locked = await demo.post(`/demo/api/flows/${view.id}/verify`, { code: wrong });
    expect(locked.body).toMatchObject({
      state: 'locked',
      status: 'max_attempts_reached',
      message: 'Too many wrong attempts. Request a new code.',
    });
    // Even the right code is refused now, and the page may ask for a new one straight away.
    expect(locked.body.resendAvailableAt).toBe(locked.body.serverNow);
    const old = lastCode();
    expect((await demo.post(`/demo/api/flows/${view.id}/verify`, { code: old })).body.state).toBe('locked');

    const resent = await demo.post(`/demo/api/flows/${view.id}/resend`);
    expect(resent.body).toMatchObject({ state: 'sent', status: 'pending', attemptsRemaining: 5 });
    expect(resent.body.message).toBe(`We sent a new code by SMS to ${maskDestination(PHONE)}.`);
    const fresh = lastCode();
    const done = await demo.post(`/demo/api/flows/${view.id}/verify`, { code: fresh });
    expect(done.body.state).toBe('success');
  });

  it('reports an expired code on the relay clock, without spending an attempt, and a new code works', async () => {
    const view = await startSignup();
    const old = lastCode();
    demo.service.clock += 600_000;
    const polled = await demo.get(`/demo/api/flows/${view.id}`);
    expect(polled.body).toMatchObject({
      state: 'expired',
      status: 'expired',
      message: 'This code has expired. Request a new one.',
      serverNow: view.expiresAt,
    });
    const tried = await demo.post(`/demo/api/flows/${view.id}/verify`, { code: old });
    expect(tried.body).toMatchObject({ state: 'expired', attemptsRemaining: 5 });

    const resent = await demo.post(`/demo/api/flows/${view.id}/resend`);
    expect(resent.body).toMatchObject({ state: 'sent', status: 'pending' });
    expect((await demo.post(`/demo/api/flows/${view.id}/verify`, { code: old })).body.state).not.toBe('success');
    expect((await demo.post(`/demo/api/flows/${view.id}/verify`, { code: lastCode() })).body.state).toBe('success');
  });

  it.each([
    ['letters', 'abcdef'],
    ['too few digits', '123'],
    ['too many digits', '1234567'],
    ['nothing', ''],
  ])('refuses %s as a field error without spending an attempt', async (_name, code) => {
    const view = await startSignup();
    const answer = await demo.post(`/demo/api/flows/${view.id}/verify`, { code });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    expect((await demo.get(`/demo/api/flows/${view.id}`)).body.attemptsRemaining).toBe(5);
  });
});

describe('resending', () => {
  it('holds a resend back during the cooldown, then sends a new code that replaces the old one', async () => {
    const view = await startSignup(EMAIL, 'email');
    const old = lastCode();
    demo.service.clock += 3_000;
    const early = await demo.post(`/demo/api/flows/${view.id}/resend`);
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('27');
    expect(early.body).toMatchObject({
      code: 'resend_cooldown',
      retryAfterSeconds: 27,
      state: 'error',
      message: 'You can request a new code in 0:27.',
    });

    demo.service.clock += 27_000;
    const resent = await demo.post(`/demo/api/flows/${view.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({
      state: 'sent',
      sendCount: 2,
      maskedDestination: maskDestination(EMAIL),
      resendAvailableAt: demo.service.clock + 30_000,
    });
    expect(resent.body.message).toBe(`We sent a new code by email to ${maskDestination(EMAIL)}.`);
    const fresh = lastCode();
    if (fresh !== old) {
      expect((await demo.post(`/demo/api/flows/${view.id}/verify`, { code: old })).body.state).toBe('wrong');
    }
    expect((await demo.post(`/demo/api/flows/${view.id}/verify`, { code: fresh })).body.state).toBe('success');
  });
});

describe('editing the destination', () => {
  it('cancels the code sent to the old destination and forgets the flow', async () => {
    const view = await startSignup();
    const answer = await demo.post(`/demo/api/flows/${view.id}/cancel`);
    expect(answer.status).toBe(204);
    expect(demo.service.get(demo.service.created[0]?.id as string).status).toBe('canceled');
    const gone = await demo.get(`/demo/api/flows/${view.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 'not_found', state: 'error' });
  });
});

describe('the API boundary', () => {
  it('refuses a POST from another origin', async () => {
    const answer = await demo.post(
      '/demo/api/flows',
      { flow: 'signup', channel: 'sms', to: PHONE },
      { origin: 'https://evil.example' },
    );
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('forbidden_origin');
  });

  it('accepts a POST from its own pages', async () => {
    const answer = await demo.post(
      '/demo/api/flows',
      { flow: 'signup', channel: 'sms', to: PHONE },
      { origin: demo.origin },
    );
    expect(answer.status).toBe(201);
  });

  it('wants JSON bodies and says what is wrong with others', async () => {
    const form = await demo.post('/demo/api/flows', 'flow=signup', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.body.code).toBe('unsupported_media_type');
    const broken = await demo.post('/demo/api/flows', '{"flow":');
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('malformed_json');
  });

  it('answers unknown flows and routes as problems', async () => {
    expect((await demo.get('/demo/api/flows/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await demo.get('/demo/api/flows/not-a-flow')).status).toBe(404);
    expect((await demo.get('/demo/api/nothing')).body.code).toBe('not_found');
  });

  it('keeps at most maxFlows flows, dropping the oldest', async () => {
    await demo.close();
    demo = await startDemo({ maxFlows: 2 });
    const first = await startSignup(PHONE);
    await startSignup(EMAIL, 'email');
    await startSignup('other@example.com', 'email');
    expect((await demo.get(`/demo/api/flows/${first.id}`)).status).toBe(404);
  });

  it('cancels the verification of every flow it drops to make room, and only of those', async () => {
    await demo.close();
    demo = await startDemo({ maxFlows: 3 });
    const done = await startSignup('+14155550100');
    await demo.post(`/demo/api/flows/${done.id}/verify`, { code: lastCode() });
    const views = [];
    for (let i = 1; i <= 4; i++) views.push(await startSignup(`+1415555010${i}`));
    // Two flows went: the approved one (its verification stays approved) and the oldest pending one.
    expect(demo.service.get(done.verificationId).status).toBe('approved');
    const [evicted, ...kept] = views;
    expect(demo.service.get(evicted.verificationId).status).toBe('canceled');
    expect(demo.service.check(evicted.verificationId, '000000').valid).toBe(false);
    expect((await demo.get(`/demo/api/flows/${evicted.id}`)).status).toBe(404);
    for (const view of kept) expect(demo.service.get(view.verificationId).status).toBe('pending');
  });
});

describe('the global rate limit (the demo has no token)', () => {
  it('refuses a burst past it with 429, Retry-After and plain words, without sending', async () => {
    await demo.close();
    demo = await startDemo({ rateLimit: { burst: 3, perMinute: 6 } });
    const views = [];
    for (let i = 0; i < 3; i++) views.push(await startSignup(`+1415555020${i}`));
    const refused = await demo.post('/demo/api/flows', { flow: 'signup', channel: 'sms', to: '+14155550209' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 10,
      state: 'error',
      message: 'Seller Center is getting too many requests right now. Try again in 10 seconds.',
    });
    expect(demo.service.created).toHaveLength(3);

    // A resend sends a code too: it waits for the same pace, and the flow is untouched.
    demo.service.clock += 30_000;
    const resend = await demo.post(`/demo/api/flows/${views[0].id}/resend`);
    expect(resend.status).toBe(429);
    expect(resend.body.code).toBe('rate_limited');
    expect(demo.service.get(views[0].verificationId).sendCount).toBe(1);
  });
});
