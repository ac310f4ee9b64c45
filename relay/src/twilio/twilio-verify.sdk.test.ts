import { request } from 'node:http';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { PHONE, startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';
import { TWILIO_TEST_ACCOUNT_SID, TWILIO_TEST_AUTH_TOKEN } from './create-twilio.ts';
import { RelayRequestClient } from './relay-request-client.ts';

const APP_ORIGIN = 'http://localhost:3000';
let t: TestRelay;
afterEach(() => t?.close());

/** The official SDK, as an app under test builds it, plus the one option that points it at the relay. */
function sdk(relayUrl: string, sid = TWILIO_TEST_ACCOUNT_SID, token = TWILIO_TEST_AUTH_TOKEN) {
  return twilio(sid, token, { httpClient: new RelayRequestClient(relayUrl) });
}

async function start(origins: { default?: string; byKey?: Record<string, string> } = { default: APP_ORIGIN }) {
  t = await startTestRelay({ testClock: true, twilio: { origins } });
  const client = sdk(t.relay.url);
  const service = await client.verify.v2.services.create({ friendlyName: 'Shop Login', codeLength: 6 });
  return { client, service };
}

/** The RestException the SDK throws, as an app's catch block sees it. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { status, code, message } = error as { status: number; code: number; message: string };
    return { status, code, message };
  }
  throw new Error('expected the SDK call to fail');
}

describe('Twilio Verify v2 through the official SDK', () => {
  it('services: create with FriendlyName and CodeLength, fetch, list', async () => {
    const { client, service } = await start();
    expect(service.sid).toMatch(/^VA[0-9a-f]{32}$/);
    expect(service).toMatchObject({ accountSid: TWILIO_TEST_ACCOUNT_SID, friendlyName: 'Shop Login', codeLength: 6 });
    expect(service.dateCreated).toBeInstanceOf(Date);
    expect(service.url).toBe(`https://verify.twilio.com/v2/Services/${service.sid}`);
    const other = await client.verify.v2.services.create({ friendlyName: 'Payouts', codeLength: 8 });
    expect((await client.verify.v2.services(other.sid).fetch()).codeLength).toBe(8);
    const listed = await client.verify.v2.services.list({ pageSize: 1 });
    expect(listed.map((s) => s.friendlyName)).toEqual(['Shop Login', 'Payouts']);
    expect(await failure(client.verify.v2.services(`VA${'1'.repeat(32)}`).fetch())).toMatchObject({
      status: 404,
      code: 20404,
    });
  });

  it('the whole life cycle: the code reaches the inbox bound to the origin, a wrong code stays pending, the right one approves, then 20404', async () => {
    const { client, service } = await start();
    const verifications = client.verify.v2.services(service.sid);
    const created = await verifications.verifications.create({ to: PHONE, channel: 'sms', locale: 'en' });
    expect(created.sid).toMatch(/^VE[0-9a-f]{32}$/);
    expect(created).toMatchObject({
      serviceSid: service.sid,
      accountSid: TWILIO_TEST_ACCOUNT_SID,
      to: PHONE,
      channel: 'sms',
      status: 'pending',
      valid: false,
    });
    expect(created.sendCodeAttempts).toHaveLength(1);

    // The code as the inbox, waitForMessage and the extension see it: relay-issued, for the app's exact origin.
    const message = await t.client.waitForMessage({ to: PHONE, timeoutMs: 2000 });
    expect(message).toMatchObject({
      verificationId: created.sid,
      origin: APP_ORIGIN,
      binding: 'issuer',
      site: 'localhost',
    });
    expect(message.code).toMatch(/^\d{6}$/);
    expect(message.text).toBe(`Your Shop Login verification code is: ${message.code}\n\n@localhost #${message.code}`);

    const wrong = String((Number(message.code) + 1) % 1_000_000).padStart(6, '0');
    const miss = await verifications.verificationChecks.create({ to: PHONE, code: wrong });
    expect(miss).toMatchObject({ status: 'pending', valid: false, sid: created.sid });

    const hit = await verifications.verificationChecks.create({ verificationSid: created.sid, code: message.code });
    expect(hit).toMatchObject({ status: 'approved', valid: true });
    expect(await t.client.listMessages({ to: PHONE })).toEqual([]);

    expect(await failure(verifications.verificationChecks.create({ to: PHONE, code: message.code }))).toMatchObject({
      status: 404,
      code: 20404,
    });
    expect(await failure(verifications.verifications(created.sid).fetch())).toMatchObject({ status: 404, code: 20404 });
  });

  it('a new create for the same To re-sends the SAME code; the 6th send is 60203 (429)', async () => {
    const { client, service } = await start();
    const verifications = client.verify.v2.services(service.sid).verifications;
    const first = await verifications.create({ to: PHONE, channel: 'sms' });
    const code = (await t.client.waitForMessage({ to: PHONE })).code;
    for (let send = 2; send <= 5; send++) {
      const again = await verifications.create({ to: PHONE, channel: send === 5 ? 'whatsapp' : 'sms' });
      expect(again.sid).toBe(first.sid);
      expect(again.sendCodeAttempts).toHaveLength(send);
    }
    const live = await t.client.listMessages({ to: PHONE });
    expect(live.map((m) => m.code)).toEqual([code]);
    expect(await failure(verifications.create({ to: PHONE, channel: 'sms' }))).toEqual({
      status: 429,
      code: 60203,
      message: 'Max send attempts reached',
    });
  });

  it('5 wrong checks use the verification up: the 6th, even with the right code, is 60202 (429)', async () => {
    const { client, service } = await start();
    const verify = client.verify.v2.services(service.sid);
    const created = await verify.verifications.create({ to: PHONE, channel: 'sms', customCode: '482913' });
    expect((await t.client.waitForMessage({ to: PHONE })).code).toBe('482913');
    for (let i = 1; i <= 5; i++) {
      const check = await verify.verificationChecks.create({ to: PHONE, code: '000000' });
      expect(check.valid).toBe(false);
      expect(check.status).toBe(i < 5 ? 'pending' : 'max_attempts_reached');
    }
    expect(await failure(verify.verificationChecks.create({ to: PHONE, code: '482913' }))).toMatchObject({
      status: 429,
      code: 60202,
    });
    expect((await verify.verifications(created.sid).fetch()).status).toBe('max_attempts_reached');
    // The code left the inbox: nothing left to fill.
    expect(await t.client.listMessages({ to: PHONE })).toEqual([]);
  });

  it('codes live 10 minutes on the test clock; update cancels or approves; a new verification after expiry has a new SID', async () => {
    const { client, service } = await start();
    const verify = client.verify.v2.services(service.sid);
    const first = await verify.verifications.create({ to: PHONE, channel: 'sms' });
    const code = (await t.client.waitForMessage({ to: PHONE })).code;
    await t.client.advanceClock(10 * 60 * 1000);
    expect(await failure(verify.verificationChecks.create({ to: PHONE, code }))).toMatchObject({
      status: 404,
      code: 20404,
    });
    expect(await t.client.listMessages({ to: PHONE })).toEqual([]);

    const second = await verify.verifications.create({ to: PHONE, channel: 'sms' });
    expect(second.sid).not.toBe(first.sid);
    const canceled = await verify.verifications(second.sid).update({ status: 'canceled' });
    expect(canceled.status).toBe('canceled');
    expect(await failure(verify.verifications(second.sid).update({ status: 'approved' }))).toMatchObject({
      code: 20404,
    });

    const third = await verify.verifications.create({ to: 'buyer@example.com', channel: 'email' });
    expect((await verify.verifications(third.sid).update({ status: 'approved' })).status).toBe('approved');
  });

  it('chaos rules apply: a dropped code never arrives, a spam one lands in spam, a failed send is Twilio 20503', async () => {
    const { client, service } = await start();
    const verifications = client.verify.v2.services(service.sid).verifications;
    await t.client.setChaos([{ match: { to: PHONE }, action: 'fail', times: 1 }]);
    expect(await failure(verifications.create({ to: PHONE, channel: 'sms' }))).toMatchObject({
      status: 503,
      code: 20503,
    });
    await t.client.setChaos([{ match: { to: PHONE }, action: 'spam', times: 1 }]);
    await verifications.create({ to: PHONE, channel: 'sms' });
    expect((await t.client.waitForMessage({ to: PHONE })).folder).toBe('spam');
    await t.client.setChaos([{ match: { to: '+14155550124' }, action: 'delay', delayMs: 5000 }]);
    await verifications.create({ to: '+14155550124', channel: 'sms' });
    expect(await t.client.listMessages({ to: '+14155550124' })).toEqual([]);
    await t.client.advanceClock(5000);
    expect(await t.client.listMessages({ to: '+14155550124' })).toHaveLength(1);
  });

  it('without an origin the SMS text goes through the intake: source twilio, code found, bound by its rules', async () => {
    const { client, service } = await start({});
    await client.verify.v2.services(service.sid).verifications.create({ to: PHONE, channel: 'sms' });
    const message = await t.client.waitForMessage({ to: PHONE, source: 'twilio' });
    expect(message).toMatchObject({ source: 'twilio', from: 'Shop Login', binding: 'none', site: null });
    expect(message.code).toMatch(/^\d{6}$/);
  });

  it('POST /api/v1/reset forgets every verification (services stay)', async () => {
    const { client, service } = await start();
    const verify = client.verify.v2.services(service.sid);
    const created = await verify.verifications.create({ to: PHONE, channel: 'sms' });
    const { code } = await t.client.waitForMessage({ to: PHONE });
    await t.client.reset();
    expect(await failure(verify.verificationChecks.create({ to: PHONE, code }))).toMatchObject({ code: 20404 });
    expect(await failure(verify.verifications(created.sid).fetch())).toMatchObject({ code: 20404 });
    expect((await verify.fetch()).sid).toBe(service.sid);
  });

  it('an origin per service: by FriendlyName or SID, else the default', async () => {
    t = await startTestRelay({
      testClock: true,
      twilio: { origins: { default: APP_ORIGIN, byKey: { Payouts: 'https://pay.example.test' } } },
    });
    const client = sdk(t.relay.url);
    const payouts = await client.verify.v2.services.create({ friendlyName: 'Payouts' });
    await client.verify.v2.services(payouts.sid).verifications.create({ to: PHONE, channel: 'sms' });
    expect((await t.client.waitForMessage({ to: PHONE })).origin).toBe('https://pay.example.test');
  });

  it('wrong credentials are Twilio 401 20003; malformed forms are Twilio 400s naming the parameter', async () => {
    const { service } = await start();
    const wrong = sdk(t.relay.url, TWILIO_TEST_ACCOUNT_SID, 'not-the-auth-token-at-all');
    expect(await failure(wrong.verify.v2.services(service.sid).fetch())).toEqual({
      status: 401,
      code: 20003,
      message: 'Authenticate',
    });
    const client = sdk(t.relay.url);
    const verifications = client.verify.v2.services(service.sid).verifications;
    expect(await failure(verifications.create({ to: '12345', channel: 'sms' }))).toMatchObject({
      status: 400,
      code: 60200,
    });
    expect(await failure(verifications.create({ to: PHONE, channel: 'pigeon' }))).toMatchObject({
      status: 400,
      code: 60200,
      message: expect.stringContaining('Channel'),
    });
    expect(await failure(client.verify.v2.services.create({ friendlyName: 'X', codeLength: 12 }))).toMatchObject({
      status: 400,
      code: 60200,
      message: expect.stringContaining('CodeLength'),
    });

    // Raw requests: a body that is no form, no credentials at all, an unknown path.
    const auth = `Basic ${Buffer.from(`${TWILIO_TEST_ACCOUNT_SID}:${TWILIO_TEST_AUTH_TOKEN}`).toString('base64')}`;
    const raw = await fetch(`${t.relay.url}/twilio/v2/Services/${service.sid}/VerificationCheck`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'To=%2B14155550123&To=%2B14155550124&Code=1',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({
      code: 60200,
      status: 400,
      more_info: 'https://www.twilio.com/docs/errors/60200',
    });
    const anonymous = await fetch(`${t.relay.url}/twilio/v2/Services`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="Twilio API"');
    const unknown = await fetch(`${t.relay.url}/twilio/v2/Nothing`, { headers: { authorization: auth } });
    expect(await unknown.json()).toMatchObject({ code: 20404, status: 404 });
    // The Host allow-list still applies under /twilio.
    expect(await statusWithHost(t.relay.port, '/twilio/v2/Services', 'evil.example', auth)).toBe(403);
    expect(await statusWithHost(t.relay.port, '/twilio/v2/Services', `127.0.0.1:${t.relay.port}`, auth)).toBe(200);
  });
});

/** A GET with a Host header of our choosing (fetch cannot set one). */
function statusWithHost(port: number, path: string, host: string, authorization: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host, authorization }, setHost: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
