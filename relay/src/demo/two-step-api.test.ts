import * as OTPAuth from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemo } from '../../test-kit/demo-test-kit.ts';

let demo: Awaited<ReturnType<typeof startDemo>>;
beforeEach(async () => {
  demo = await startDemo();
});
afterEach(() => demo.close());

/** Loads the setup page and reads what a person sees on it: the key, the QR code's content and the setup id. */
async function openSetup() {
  const page = await demo.get('/demo/two-step');
  expect(page.status).toBe(200);
  const html = page.text;
  const secret = /data-secret="([A-Z2-7]+)"/.exec(html)?.[1] ?? '';
  const uri = (/data-otpauth-uri="([^"]+)"/.exec(html)?.[1] ?? '').replaceAll('&#38;', '&');
  const id = /data-setup="([\w-]+)"/.exec(html)?.[1] ?? '';
  return { page, html, secret, uri, id };
}

/** What an authenticator app holding `secret` shows at `timestamp`. */
function appCode(secret: string, timestamp: number): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp });
}

describe('turning on two-step verification', () => {
  it('shows a fresh 160-bit key as a QR code of an otpauth URI and as text, under the strict CSP', async () => {
    const first = await openSetup();
    const second = await openSetup();
    expect(first.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(second.secret).not.toBe(first.secret);
    expect(first.page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(first.page.headers.get('cache-control')).toBe('no-store');
    expect(first.html).toMatch(/<img class="qr" id="totp-qr" data-testid="totp-qr" src="data:image\/svg\+xml;base64,/);
    expect(first.html).toContain('<script type="module" src="/demo/assets/two-step-form.js"></script>');

    const parsed = OTPAuth.URI.parse(first.uri);
    expect(parsed).toBeInstanceOf(OTPAuth.TOTP);
    expect(parsed).toMatchObject({ issuer: 'Lumen Goods', label: 'Seller Center', digits: 6, period: 30 });
    expect(parsed.algorithm).toBe('SHA1');
    expect(parsed.secret.base32).toBe(first.secret);
    // The key is printed in groups of four, as sites do for typing.
    expect(first.html).toContain(`>${first.secret.replace(/(.{4})(?=.)/g, '$1 ')}</code>`);
  });

  it("accepts the app's code on the relay's clock", async () => {
    const setup = await openSetup();
    const code = appCode(setup.secret, demo.service.clock);
    const answer = await demo.post(`/demo/api/two-step/${setup.id}/verify`, { code });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      state: 'success',
      message: 'Two-step verification is on',
      attemptsRemaining: 5,
      enabled: true,
    });
  });

  it("judges codes by the relay's clock: a code from 5 minutes ago is refused after the clock moves", async () => {
    const setup = await openSetup();
    const old = appCode(setup.secret, demo.service.clock);
    // Five minutes on (more, in the one-in-a-million case that a code of the new window equals the old one).
    const accepted = () => [-30_000, 0, 30_000].map((offset) => appCode(setup.secret, demo.service.clock + offset));
    do demo.service.clock += 300_000;
    while (accepted().includes(old));
    const fresh = appCode(setup.secret, demo.service.clock);
    expect((await demo.post(`/demo/api/two-step/${setup.id}/verify`, { code: old })).body.state).toBe('wrong');
    // One period of drift either way is allowed, as for a phone whose clock is a little off.
    const late = appCode(setup.secret, demo.service.clock - 30_000);
    expect((await demo.post(`/demo/api/two-step/${setup.id}/verify`, { code: late })).body.state).toBe('success');
    expect(fresh).toHaveLength(6);
  });

  it('counts wrong codes and ends the setup after five, even for the right code', async () => {
    const setup = await openSetup();
    const right = appCode(setup.secret, demo.service.clock);
    const near = [-30_000, 0, 30_000].map((offset) => appCode(setup.secret, demo.service.clock + offset));
    const wrong = ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !near.includes(c)) ?? '';
    const first = await demo.post(`/demo/api/two-step/${setup.id}/verify`, { code: wrong });
    expect(first.body).toMatchObject({ state: 'wrong', attemptsRemaining: 4, enabled: false });
    expect(first.body.message).toBe("That code didn't work. Enter the code your app shows now. 4 attempts left.");
    for (let i = 0; i < 3; i++) await demo.post(`/demo/api/two-step/${setup.id}/verify`, { code: wrong });
    const fifth = await demo.post(`/demo/api/two-step/${setup.id}/verify`, { code: wrong });
    expect(fifth.body).toMatchObject({ state: 'locked', attemptsRemaining: 0 });
    expect(fifth.body.message).toBe('5 wrong codes. Reload the page to start again with a new key.');
    const after = await demo.post(`/demo/api/two-step/${setup.id}/verify`, { code: right });
    expect(after.body).toMatchObject({ state: 'locked', enabled: false });
  });

  it.each([
    ['letters', { code: 'abcdef' }, 'Enter the code using digits only'],
    ['too short', { code: '12345' }, 'Enter the 6-digit code'],
    ['no code', {}, 'Invalid input: expected string, received undefined'],
  ])('refuses a body with %s as a 400 naming the code field', async (_name, body, message) => {
    const setup = await openSetup();
    const answer = await demo.post(`/demo/api/two-step/${setup.id}/verify`, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'code', message }] });
  });

  it('answers an unknown setup as a 404 problem', async () => {
    const answer = await demo.post('/demo/api/two-step/AAAAAAAAAAAAAAAAAAAAAA/verify', { code: '123456' });
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('not_found');
  });

  it('keeps at most maxTwoStepSetups, dropping the oldest', async () => {
    await demo.close();
    demo = await startDemo({ maxTwoStepSetups: 2 });
    const oldest = await openSetup();
    await openSetup();
    await openSetup();
    const answer = await demo.post(`/demo/api/two-step/${oldest.id}/verify`, {
      code: appCode(oldest.secret, demo.service.clock),
    });
    expect(answer.status).toBe(404);
  });

  it('makes no new secret past the global pace: a 429 page with Retry-After and plain words', async () => {
    await demo.close();
    demo = await startDemo({ rateLimit: { burst: 2, perMinute: 2 } });
    await openSetup();
    await openSetup();
    const busy = await demo.get('/demo/two-step');
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('30');
    expect(busy.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(busy.text).toContain('Seller Center is getting too many requests right now. Try again in 30 seconds.');
    expect(busy.text).not.toContain('data-secret');
    // The same pace covers the code flows: one bucket for everything the token-free demo creates.
    const flow = await demo.post('/demo/api/flows', { flow: 'signup', channel: 'sms', to: '+14155550123' });
    expect(flow.status).toBe(429);
  });
});
