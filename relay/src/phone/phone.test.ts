import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';
import { openConfigStore } from '../config/config-store.ts';
import type { PhoneApp } from './phone-apps.ts';

let t: TestRelay | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const TEXT = '[TikTok] 482913 is your verification code, valid for 5 minutes. Never share it.';

interface Answer {
  status: number;
  body: unknown;
}

/** A real HTTPS request that trusts only the relay's own self-signed certificate (as a phone told to trust it). */
function deliver(url: string, ca: string | undefined, body: string, headers: Record<string, string>): Promise<Answer> {
  if (url.startsWith('http:')) {
    return fetch(url, { method: 'POST', headers, body }).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, ...(ca === undefined ? {} : { ca }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const hmac = (key: string, data: string) => createHmac('sha256', key).update(data);

/** Each app's real payload and signature, as the app would send it `at` (ms). */
const SIGNED: Record<
  PhoneApp,
  (secret: string, at: number, text: string) => { body: string; headers: Record<string, string> }
> = {
  // SmsForwarder: POST form; sign = URLEncoder.encode(Base64(HMAC-SHA256("timestamp\nsecret"))), form-encoded again.
  smsforwarder: (secret, at, text) => {
    const sign = encodeURIComponent(hmac(secret, `${at}\n${secret}`).digest('base64'));
    const form = new URLSearchParams({
      from: 'TikTok',
      content: text,
      timestamp: String(at),
      sign,
      device_mark: 'Pixel 8',
    });
    return { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  },
  'income-sms-gateway': (secret, at, text) => {
    const body = JSON.stringify({ from: 'TikTok', text, sentStamp: at - 2000, receivedStamp: at, sim: 'sim1' });
    return {
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'SMS Forwarder App',
        'x-signature': hmac(secret, body).digest('hex'),
      },
    };
  },
  'android-sms-gateway': (secret, at, text) => {
    const body = JSON.stringify({
      deviceId: 'ffffffffceb0b1db0000018e937c815b',
      event: 'sms:received',
      id: `Ey6ECgOkVVFjz3CL48B8C-${at}`,
      payload: {
        messageId: 'abc',
        message: text,
        phoneNumber: 'TikTok',
        simNumber: 1,
        receivedAt: new Date(at).toISOString(),
      },
      webhookId: 'LreFUt-Z3sSq0JufY9uWB',
    });
    const ts = String(Math.floor(at / 1000));
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-timestamp': ts,
        'x-signature': hmac(secret, body + ts).digest('hex'),
      },
    };
  },
  httpsms: (secret, at, text) => {
    const body = JSON.stringify({
      specversion: '1.0',
      id: `a9f4b4d2-${at}`,
      source: '/v1/messages/receive',
      type: 'message.phone.received',
      datacontenttype: 'application/json',
      time: new Date(at).toISOString(),
      data: {
        message_id: 'm1',
        user_id: 'u1',
        owner: '+18005550199',
        contact: 'TikTok',
        timestamp: new Date(at).toISOString(),
        content: text,
        sim: 'SIM1',
      },
    });
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'api.httpsms.com', aud: 'https://example', iat: Math.floor(at / 1000), exp: Math.floor(at / 1000) + 600 })}`;
    const jwt = `${unsigned}.${hmac(secret, unsigned).digest('base64url')}`;
    return { body, headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` } };
  },
  shortcuts: (secret, at, text) => ({
    body: JSON.stringify({ from: 'TikTok', text, receivedAt: new Date(at).toISOString() }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
  }),
};

async function relayWithPhones(extra: Parameters<typeof startTestRelay>[0] = {}) {
  dir = await mkdtemp(join(tmpdir(), 'otp-phone-'));
  const configStore = await openConfigStore(dir);
  t = await startTestRelay({ configStore, phone: { port: 0, host: '127.0.0.1' }, ...extra });
  return t;
}

async function addPhone(relay: TestRelay, app: PhoneApp) {
  const answer = await relay.api('POST', '/api/v1/phones', { app, name: 'Pixel 8' });
  expect(answer.status).toBe(201);
  return answer.body as { id: string; url: string; secret: string };
}

const stored = async (relay: TestRelay) =>
  (
    (await relay.api('GET', '/api/v1/messages')).body as {
      messages: Array<{ source: string; code: string | null; site: string | null }>;
    }
  ).messages;

describe('phone devices: /api/v1/phones', () => {
  it('adds a phone with its webhook URL and secret, lists it without the secret, keeps it 0600 across a restart', async () => {
    const relay = await relayWithPhones();
    const phone = await addPhone(relay, 'smsforwarder');
    const listener = relay.relay.phoneListener;
    expect(phone.url).toBe(`https://127.0.0.1:${listener?.port}/phone/${phone.id}`);
    expect(phone.secret.length).toBeGreaterThanOrEqual(32);
    const list = await relay.api('GET', '/api/v1/phones');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(phone.secret);
    expect(list.body).toMatchObject({
      phones: [{ id: phone.id, app: 'smsforwarder', name: 'Pixel 8', url: phone.url }],
    });
    const file = join(dir as string, 'phones.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir as string, 'phone-tls.json'))).mode & 0o777).toBe(0o600);
    const cert = listener?.cert;

    await relay.close();
    t = await startTestRelay({ configStore: await openConfigStore(dir as string), phone: { port: 0 } });
    expect(t.relay.phoneListener?.cert).toBe(cert);
    const again = await t.api('GET', '/api/v1/phones');
    expect(again.body).toMatchObject({ phones: [{ id: phone.id, name: 'Pixel 8' }] });
    const sent = SIGNED.smsforwarder(phone.secret, t.relay.clock.now(), TEXT);
    const url = t.relay.phoneListener?.webhookUrl(phone.id) as string;
    expect((await deliver(url, t.relay.phoneListener?.cert, sent.body, sent.headers)).status).toBe(200);
    expect(JSON.parse(await readFile(file, 'utf8')).phones).toHaveLength(1);
  });

  it('refuses an unknown app, a missing name, extra fields and a missing token, naming the field', async () => {
    const relay = await relayWithPhones();
    const bad = await relay.api('POST', '/api/v1/phones', { app: 'whatsapp', name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'app' }] });
    const extra = await relay.api('POST', '/api/v1/phones', { app: 'shortcuts', name: 'x', secret: 'mine' });
    expect(extra.status).toBe(400);
    const noName = await relay.api('POST', '/api/v1/phones', { app: 'shortcuts' });
    expect(noName.body).toMatchObject({ errors: [{ field: 'name' }] });
    const noToken = await relay.api('GET', '/api/v1/phones', undefined, { authorization: '' });
    expect(noToken.status).toBe(401);
    expect((await relay.api('DELETE', '/api/v1/phones/PH0000000000000000')).status).toBe(404);
  });

  it('serves a QR code (SVG) of the webhook URL to the token holder only, never with the secret', async () => {
    const relay = await relayWithPhones();
    const phone = await addPhone(relay, 'smsforwarder');
    const qr = await relay.api('GET', `/api/v1/phones/${phone.id}/qr`);
    expect(qr.status).toBe(200);
    expect(qr.body).toEqual({
      url: phone.url,
      svg: expect.stringMatching(/^<svg[^>]*viewBox="0 0 \d+ \d+"[\s\S]*<\/svg>\s*$/),
    });
    expect(JSON.stringify(qr.body)).not.toContain(phone.secret);
    const noToken = await relay.api('GET', `/api/v1/phones/${phone.id}/qr`, undefined, { authorization: '' });
    expect(noToken.status).toBe(401);
    expect((await relay.api('GET', '/api/v1/phones/PH0000000000000000/qr')).status).toBe(404);
    expect((await relay.api('GET', '/api/v1/phones/nonsense/qr')).status).toBe(404);
  });

  it('without --phone-port the phones exist but have no URL yet', async () => {
    t = await startTestRelay();
    const answer = await t.api('POST', '/api/v1/phones', { app: 'shortcuts', name: 'iPhone' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ url: null, app: 'shortcuts' });
    expect(t.relay.phoneListener).toBeUndefined();
    const qr = await t.api('GET', `/api/v1/phones/${(answer.body as { id: string }).id}/qr`);
    expect(qr.status).toBe(404);
    expect(qr.body).toMatchObject({ detail: expect.stringContaining('--phone-port') });
  });
});

describe('the phone listener', () => {
  it('serves nothing but the phone route: API, stream, demo, test controls and landing page are 404', async () => {
    const relay = await relayWithPhones({ demo: true });
    const base = relay.relay.phoneListener?.url as string;
    const ca = relay.relay.phoneListener?.cert as string;
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/healthz'],
      ['GET', '/api/v1/messages'],
      ['GET', '/api/v1/openapi.json'],
      ['GET', '/api/v1/stream'],
      ['POST', '/api/v1/clock/advance'],
      ['POST', '/api/v1/chaos'],
      ['POST', '/api/v1/inbound'],
      ['GET', '/demo'],
      ['GET', '/api/v1/phones'],
    ] as const) {
      const answer = await new Promise<number>((resolve, reject) => {
        const req = request(
          `${base}${path}`,
          { method, ca, headers: { authorization: `Bearer ${relay.relay.token}` } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(answer, `${method} ${path}`).toBe(404);
    }
  });

  it('over plain HTTP only when asked', async () => {
    const relay = await relayWithPhones({ phone: { port: 0, http: true } });
    const phone = await addPhone(relay, 'shortcuts');
    expect(phone.url.startsWith('http://127.0.0.1:')).toBe(true);
    const sent = SIGNED.shortcuts(phone.secret, relay.relay.clock.now(), TEXT);
    expect((await deliver(phone.url, undefined, sent.body, sent.headers)).status).toBe(200);
  });

  it('keeps an SMS whose sender hides direction or zero-width characters, shown and bound as it reads', async () => {
    const relay = await relayWithPhones({ testClock: true });
    const phone = await addPhone(relay, 'shortcuts');
    const at = new Date(relay.relay.clock.now()).toISOString();
    const send = (from: string) =>
      deliver(phone.url, relay.relay.phoneListener?.cert, JSON.stringify({ from, text: TEXT, receivedAt: at }), {
        'content-type': 'application/json',
        authorization: `Bearer ${phone.secret}`,
      });
    // U+202E would show "TikTok\u202Emoc.live" as "TikTokevil.com"-like text; U+200B splits a name invisibly.
    expect((await send('Tik\u200bTok')).status).toBe(200);
    expect((await send('\u2066\u202e\u200f')).status).toBe(200);
    const messages = await stored(relay);
    expect(messages.map((message) => (message as { from?: string }).from).toSorted()).toEqual([
      '(no sender)',
      'TikTok',
    ]);
    expect(messages.find((message) => (message as { from?: string }).from === 'TikTok')).toMatchObject({
      code: '482913',
      site: 'tiktok.com',
    });
  });

  it('holds a device to its pace: past the per-minute limit, 429 with Retry-After', async () => {
    const relay = await relayWithPhones({ phone: { port: 0, perMinute: 3 } });
    const phone = await addPhone(relay, 'shortcuts');
    const ca = relay.relay.phoneListener?.cert;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const sent = SIGNED.shortcuts(phone.secret, relay.relay.clock.now(), `${TEXT} #${i}`);
      statuses.push((await deliver(phone.url, ca, sent.body, sent.headers)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await stored(relay)).toHaveLength(3);
  });

  it('never logs secrets or message texts', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const relay = await relayWithPhones({ logger: pino({ level: 'debug' }, sink), testClock: true });
    const phone = await addPhone(relay, 'smsforwarder');
    const ca = relay.relay.phoneListener?.cert;
    const good = SIGNED.smsforwarder(phone.secret, relay.relay.clock.now(), TEXT);
    await deliver(phone.url, ca, good.body, good.headers);
    const bad = SIGNED.smsforwarder('not-the-secret-at-all-xxxxxxxxxxxxxxxx', relay.relay.clock.now(), TEXT);
    await deliver(phone.url, ca, bad.body, bad.headers);
    const log = lines.join('');
    expect(log).toContain('phone delivered an SMS');
    expect(log).toContain('phone request refused');
    expect(log).not.toContain(phone.secret);
    expect(log).not.toContain('482913');
    expect(log).not.toContain('verification code');
  });
});

describe.each(Object.keys(SIGNED) as PhoneApp[])('adapter %s, its real payload over HTTPS', (app) => {
  it('right signature → stored with its code and site; replayed, wrong, stale → refused and nothing stored; removed → refused', async () => {
    const relay = await relayWithPhones({ testClock: true });
    const phone = await addPhone(relay, app);
    const ca = relay.relay.phoneListener?.cert;
    const now = relay.relay.clock.now();

    const good = SIGNED[app](phone.secret, now, TEXT);
    const answer = await deliver(phone.url, ca, good.body, good.headers);
    expect(answer.status).toBe(200);
    const messages = await stored(relay);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      source: 'phone',
      channel: 'sms',
      from: 'TikTok',
      code: '482913',
      site: 'tiktok.com',
    });

    // The same request again: refused where the app signs (its signature or event id was seen), and in every
    // case not stored a second time.
    const replay = await deliver(phone.url, ca, good.body, good.headers);
    if (app === 'shortcuts') expect(replay.status).toBe(200);
    else expect(replay.status).toBe(401);
    expect(await stored(relay)).toHaveLength(1);

    const other = `${TEXT.replace('482913', '771204')}`;
    const wrong = SIGNED[app](`${phone.secret}x`, now + 1000, other);
    expect((await deliver(phone.url, ca, wrong.body, wrong.headers)).status).toBe(401);
    const stale = SIGNED[app](phone.secret, now - 6 * 60_000, other);
    expect((await deliver(phone.url, ca, stale.body, stale.headers)).status).toBe(401);
    const future = SIGNED[app](phone.secret, now + 6 * 60_000, other);
    expect((await deliver(phone.url, ca, future.body, future.headers)).status).toBe(401);
    expect(await stored(relay)).toHaveLength(1);

    expect((await relay.api('DELETE', `/api/v1/phones/${phone.id}`)).status).toBe(200);
    const after = SIGNED[app](phone.secret, now + 2000, other);
    expect((await deliver(phone.url, ca, after.body, after.headers)).status).toBe(404);
    expect(await stored(relay)).toHaveLength(1);
  });
});
