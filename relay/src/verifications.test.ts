import { LIMITS } from '@otp-relay/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { EMAIL, openStream, PHONE, smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';

let t: TestRelay;
afterEach(() => t?.close());

async function createWithCode(body: Record<string, unknown> = smsRequest()) {
  const created = await t.api('POST', '/api/v1/verifications', body);
  expect(created.status).toBe(201);
  const message = await t.client.waitForMessage({ to: body.to as string, timeoutMs: 2000 });
  expect(message.verificationId).toBe(created.body.id);
  return { verification: created.body, code: message.code as string, message };
}

function wrongCode(code: string): string {
  return code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
}

describe('1. create, deliver, check once', () => {
  it('puts the code in the inbox and on the stream, and approves it exactly once', async () => {
    t = await startTestRelay({ testClock: true });
    const stream = await openStream(t.relay);
    const created = await t.api('POST', '/api/v1/verifications', smsRequest());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', attemptsRemaining: 5, codeLength: 6, sendCount: 1 });
    expect(JSON.stringify(created.body)).not.toMatch(/code"\s*:\s*"\d/);

    const [inboxMessage] = await t.client.listMessages({ to: PHONE });
    expect(inboxMessage?.code).toMatch(/^\d{6}$/);
    expect(inboxMessage?.text.endsWith(`\n\n@127.0.0.1 #${inboxMessage?.code}`)).toBe(true);
    expect(inboxMessage?.text).toContain('Never share this code');
    const streamed = await stream.next((e) => e.type === 'message');
    expect(streamed.data).toEqual(inboxMessage);

    const code = inboxMessage?.code as string;
    const check = await t.api('POST', `/api/v1/verifications/${created.body.id}/check`, { code });
    expect(check.body).toEqual({ valid: true, status: 'approved', attemptsRemaining: 5 });
    const again = await t.api('POST', `/api/v1/verifications/${created.body.id}/check`, { code });
    expect(again.body).toMatchObject({ valid: false, status: 'approved' });
    expect(await t.client.listMessages({ to: PHONE })).toEqual([]);
    stream.ws.close();
  });

  it('lets exactly one of 50 concurrent correct checks win', async () => {
    t = await startTestRelay();
    const { verification, code } = await createWithCode();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => t.api('POST', `/api/v1/verifications/${verification.id}/check`, { code })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(answers.filter((a) => a.body.valid === true)).toHaveLength(1);
    expect((await t.client.getVerification(verification.id)).status).toBe('approved');
  });

  it('sends email with a subject and no WebOTP line', async () => {
    t = await startTestRelay();
    const { message } = await createWithCode(smsRequest({ to: EMAIL, channel: 'email', purpose: 'signup' }));
    expect(message.subject).toBe('Your 127.0.0.1 verification code');
    expect(message.text).toContain(message.code);
    expect(message.text).not.toContain('#');
  });

  it('honours codeLength', async () => {
    t = await startTestRelay();
    const { code, verification } = await createWithCode(smsRequest({ codeLength: 10 }));
    expect(code).toMatch(/^\d{10}$/);
    expect(verification.codeLength).toBe(10);
  });
});

describe('2. wrong codes and max attempts', () => {
  it('counts attempts down and ends with max_attempts_reached; then the right code fails too', async () => {
    t = await startTestRelay();
    const { verification, code } = await createWithCode();
    const path = `/api/v1/verifications/${verification.id}/check`;
    const remaining = [];
    for (let i = 0; i < 5; i++) remaining.push((await t.api('POST', path, { code: wrongCode(code) })).body);
    expect(remaining.slice(0, 4)).toEqual(
      [4, 3, 2, 1].map((n) => ({ valid: false, status: 'pending', attemptsRemaining: n })),
    );
    expect(remaining[4]).toEqual({ valid: false, status: 'max_attempts_reached', attemptsRemaining: 0 });
    expect((await t.api('POST', path, { code })).body).toMatchObject({ valid: false, status: 'max_attempts_reached' });
    expect(await t.client.listMessages()).toEqual([]);
  });
});

describe('3. expiry', () => {
  it('expires at the TTL to the millisecond on the test clock, with an expired event, and leaves the inbox', async () => {
    t = await startTestRelay({ testClock: true });
    const stream = await openStream(t.relay);
    const { verification, code, message } = await createWithCode(smsRequest({ ttlSeconds: 60 }));
    expect(Date.parse(verification.expiresAt) - Date.parse(verification.createdAt)).toBe(60_000);
    expect(message.expiresAt).toBe(verification.expiresAt);

    await t.client.advanceClock(59_999);
    expect((await t.client.getVerification(verification.id)).status).toBe('pending');
    expect(await t.client.listMessages()).toHaveLength(1);

    await t.client.advanceClock(1);
    const expired = await stream.next((e) => e.type === 'expired');
    expect(expired.data).toEqual({ verificationId: verification.id, messageIds: [message.id] });
    const after = await t.client.getVerification(verification.id);
    expect(after).toMatchObject({ status: 'expired', updatedAt: verification.expiresAt });
    expect(await t.client.listMessages()).toEqual([]);
    const check = await t.api('POST', `/api/v1/verifications/${verification.id}/check`, { code });
    expect(check.body).toMatchObject({ valid: false, status: 'expired' });
    await stream.next((e) => e.type === 'clock');
    stream.ws.close();
  });

  it('expires on the real clock too, by its own timer', async () => {
    t = await startTestRelay();
    const stream = await openStream(t.relay);
    const { verification } = await createWithCode(smsRequest({ ttlSeconds: 1 }));
    const event = await stream.next((e) => e.type === 'expired', 3000);
    expect(Date.parse(event.now)).toBeGreaterThanOrEqual(Date.parse(verification.expiresAt));
    expect(Date.parse(event.now) - Date.parse(verification.expiresAt)).toBeLessThan(1000);
    expect((await t.client.getVerification(verification.id)).status).toBe('expired');
    stream.ws.close();
  });

  it('refuses clock/advance without a test clock', async () => {
    t = await startTestRelay();
    const answer = await t.api('POST', '/api/v1/clock/advance', { ms: 1000 });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('test_clock_disabled');
  });
});

describe('4. resend, cooldown, send limit, cancel, lockout', () => {
  it('resend issues a new code and kills the old one at once', async () => {
    t = await startTestRelay({ testClock: true });
    const { verification, code: oldCode } = await createWithCode();
    await t.client.advanceClock(30_000);
    const resent = await t.api('POST', `/api/v1/verifications/${verification.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ sendCount: 2, status: 'pending' });
    const messages = await t.client.listMessages();
    expect(messages).toHaveLength(1);
    const newCode = messages[0]?.code as string;
    // A resent code never repeats the one it replaces, so this holds on every run, not 999,999 in a million.
    expect(newCode).not.toBe(oldCode);
    const path = `/api/v1/verifications/${verification.id}/check`;
    expect((await t.api('POST', path, { code: oldCode })).body).toMatchObject({ valid: false, status: 'pending' });
    expect((await t.api('POST', path, { code: newCode })).body).toMatchObject({ valid: true, status: 'approved' });
  });

  it('resend gives the new code its own expiresAt and resendAvailableAt, counted from the resend', async () => {
    t = await startTestRelay({ testClock: true });
    const { verification } = await createWithCode(smsRequest({ ttlSeconds: 120 }));
    await t.client.advanceClock(45_000);
    const resent = await t.api('POST', `/api/v1/verifications/${verification.id}/resend`);
    expect(resent.status).toBe(200);
    const resentAt = Date.parse(resent.body.updatedAt);
    expect(resentAt - Date.parse(verification.createdAt)).toBe(45_000);
    expect(Date.parse(resent.body.expiresAt) - resentAt).toBe(120_000);
    expect(Date.parse(resent.body.resendAvailableAt) - resentAt).toBe(LIMITS.resendCooldownSeconds * 1000);
    const [message] = await t.client.listMessages();
    expect(message?.expiresAt).toBe(resent.body.expiresAt);

    // The new deadline is the one enforced: alive past the old one, dead at the new one.
    await t.client.advanceClock(120_000 - 45_000);
    expect((await t.client.getVerification(verification.id)).status).toBe('pending');
    await t.client.advanceClock(45_000 - 1);
    expect((await t.client.getVerification(verification.id)).status).toBe('pending');
    await t.client.advanceClock(1);
    expect((await t.client.getVerification(verification.id)).status).toBe('expired');
  });

  it('resend is refused again until the renewed cooldown ends', async () => {
    t = await startTestRelay({ testClock: true });
    const { verification } = await createWithCode();
    const path = `/api/v1/verifications/${verification.id}/resend`;
    await t.client.advanceClock(30_000);
    expect((await t.api('POST', path)).status).toBe(200);
    await t.client.advanceClock(29_999);
    const early = await t.api('POST', path);
    expect(early).toMatchObject({ status: 429, body: { code: 'resend_cooldown' } });
    await t.client.advanceClock(1);
    expect((await t.api('POST', path)).body).toMatchObject({ status: 'pending', sendCount: 3 });
  });

  it('answers 429 with Retry-After inside the cooldown', async () => {
    t = await startTestRelay({ testClock: true });
    const { verification } = await createWithCode();
    await t.client.advanceClock(12_500);
    const answer = await t.api('POST', `/api/v1/verifications/${verification.id}/resend`);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('18');
    expect(answer.body).toMatchObject({ code: 'resend_cooldown', retryAfterSeconds: 18 });
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('allows at most 5 sends per destination per 10 minutes, creates included', async () => {
    t = await startTestRelay({ testClock: true });
    for (let i = 0; i < LIMITS.sendsPerWindow; i++) {
      expect((await t.api('POST', '/api/v1/verifications', smsRequest())).status).toBe(201);
    }
    const refused = await t.api('POST', '/api/v1/verifications', smsRequest());
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('send_limit_reached');
    expect(refused.headers.get('retry-after')).toBe('600');
    // Another destination is not affected; the window slides.
    expect((await t.api('POST', '/api/v1/verifications', smsRequest({ to: '+14155550124' }))).status).toBe(201);
    await t.client.advanceClock(600_000);
    expect((await t.api('POST', '/api/v1/verifications', smsRequest())).status).toBe(201);
  });

  it('cancels: the code dies and its message leaves', async () => {
    t = await startTestRelay();
    const { verification, code } = await createWithCode();
    const canceled = await t.api('DELETE', `/api/v1/verifications/${verification.id}`);
    expect(canceled.body.status).toBe('canceled');
    expect(await t.client.listMessages()).toEqual([]);
    const check = await t.api('POST', `/api/v1/verifications/${verification.id}/check`, { code });
    expect(check.body).toMatchObject({ valid: false, status: 'canceled' });
    expect((await t.api('POST', `/api/v1/verifications/${verification.id}/resend`)).status).toBe(404);
  });

  it('locks a destination for 15 minutes after 100 consecutive failed checks', async () => {
    t = await startTestRelay({ testClock: true });
    const { code } = await createWithCode();
    // Failures by destination count whether or not they hit a verification (here: another purpose).
    for (let i = 0; i < 100; i++) {
      const answer = await t.client.checkByDestination({ to: PHONE, purpose: 'signup', code: '000000' });
      expect(answer).toEqual({ valid: false, status: 'pending' });
    }
    const locked = await t.api('POST', '/api/v1/verification-checks', { to: PHONE, purpose: 'login', code });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('destination_locked');
    expect(locked.headers.get('retry-after')).toBe('900');
    await t.client.advanceClock(15 * 60_000 - 1);
    expect((await t.api('POST', '/api/v1/verification-checks', { to: PHONE, purpose: 'login', code })).status).toBe(
      429,
    );
    await t.client.advanceClock(1);
    // The code itself expired meanwhile (TTL 10 min), so the check is answered, and fails, normally.
    expect((await t.api('POST', '/api/v1/verification-checks', { to: PHONE, purpose: 'login', code })).body).toEqual({
      valid: false,
      status: 'pending',
    });
  });

  it('a success resets the consecutive-failure count', async () => {
    t = await startTestRelay({ limits: { lockoutThreshold: 3 } });
    const check = (code: string) => t.api('POST', '/api/v1/verification-checks', { to: PHONE, purpose: 'login', code });
    const { code } = await createWithCode();
    await check('111111x');
    await check('222222x');
    expect((await check(code)).body).toEqual({ valid: true, status: 'approved' });
    await check('333333x');
    await check('444444x');
    expect((await check('555555x')).status).toBe(200);
    expect((await check('555555x')).status).toBe(429);
  });
});

describe('5. verification-checks by destination', () => {
  it('checks against the LATEST pending verification of that destination and purpose', async () => {
    t = await startTestRelay({ testClock: true });
    const first = await createWithCode();
    await t.client.advanceClock(1);
    const created = await t.api('POST', '/api/v1/verifications', smsRequest());
    const [latestMessage] = await t.client.listMessages({ to: PHONE });
    expect(latestMessage?.verificationId).toBe(created.body.id);
    const latestCode = latestMessage?.code as string;
    expect((await t.client.listMessages({ to: PHONE })).map((m) => m.verificationId)).toEqual([
      created.body.id,
      first.verification.id,
    ]);

    // Picking the oldest would leave the latest pending (or, should the codes coincide, approve the first).
    const latest = await t.client.checkByDestination({ to: PHONE, purpose: 'login', code: latestCode });
    expect(latest).toEqual({ valid: true, status: 'approved' });
    expect((await t.client.getVerification(created.body.id)).status).toBe('approved');
    expect((await t.client.getVerification(first.verification.id)).status).toBe('pending');
  });

  it('answers an unknown destination exactly like a wrong code', async () => {
    t = await startTestRelay();
    const { code } = await createWithCode();
    const wrong = await t.api('POST', '/api/v1/verification-checks', {
      to: PHONE,
      purpose: 'login',
      code: wrongCode(code),
    });
    const unknown = await t.api('POST', '/api/v1/verification-checks', {
      to: '+14155550999',
      purpose: 'login',
      code,
    });
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body).toEqual({ valid: false, status: 'pending' });
    expect(unknown.headers.get('content-type')).toBe(wrong.headers.get('content-type'));
    const right = await t.api('POST', '/api/v1/verification-checks', { to: PHONE, purpose: 'login', code });
    expect(right.body).toEqual({ valid: true, status: 'approved' });
  });
});
