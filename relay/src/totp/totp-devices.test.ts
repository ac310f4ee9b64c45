import { Writable } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, RelayError } from '@otp-relay/shared';
import * as OTPAuth from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';
import { createLogger } from '../logger.ts';

/*
 * Virtual TOTP devices over the HTTP API of a real relay on port 0, on its test clock. The expected codes come
 * from RFC 6238 appendix B, not from the library the relay computes them with.
 */

// The RFC's keys: the ASCII digits "1234567890" repeated to 20, 32 and 64 bytes, here in base32.
const RFC_KEYS = {
  SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  SHA512: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA',
} as const;
type Algorithm = keyof typeof RFC_KEYS;

// RFC 6238 appendix B: time in seconds → the 8-digit code of each algorithm (period 30 s).
const RFC_VECTORS: [seconds: number, codes: Record<Algorithm, string>][] = [
  [59, { SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' }],
  [1111111109, { SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' }],
  [1111111111, { SHA1: '14050471', SHA256: '67062674', SHA512: '99943326' }],
  [1234567890, { SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' }],
  [2000000000, { SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' }],
  [20000000000, { SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' }],
];
const ALGORITHMS = Object.keys(RFC_KEYS) as Algorithm[];

// A 160-bit key like the ones sites hand out (base32 of "Hello!" and then some), and its URI.
const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Lumen%20Goods:seller%40example.com?secret=${KEY}&issuer=Lumen%20Goods&algorithm=SHA256&digits=8&period=60`;

let t: TestRelay | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function relayAt(ms?: number, options: Parameters<typeof startTestRelay>[0] = {}): Promise<TestRelay> {
  t = await startTestRelay({ testClock: true, ...(ms === undefined ? {} : { testClockStart: ms }), ...options });
  return t;
}

/** What an authenticator app holding `secret` shows at `ms`. */
function appCode(secret: string, ms: number, settings: { digits?: number; period?: number; algorithm?: string } = {}) {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: ms, ...settings });
}

describe('RFC 6238 appendix B through the API, on the test clock', () => {
  it.each(RFC_VECTORS)(
    'at %i s each algorithm gives the RFC code, by secret and by otpauth URI',
    async (seconds, codes) => {
      // One period before the vector's time, so the clock has to move the code onto it.
      const relay = await relayAt(seconds * 1000 - 30_000);
      const devices: [Algorithm, string][] = [];
      for (const algorithm of ALGORITHMS) {
        const bySecret = await relay.api('POST', '/api/v1/totp-devices', {
          secret: RFC_KEYS[algorithm],
          digits: 8,
          algorithm,
          label: `RFC ${algorithm}`,
        });
        expect(bySecret.status).toBe(201);
        const byUri = await relay.api('POST', '/api/v1/totp-devices', {
          otpauthUri: `otpauth://totp/RFC6238:${algorithm}?secret=${RFC_KEYS[algorithm]}&algorithm=${algorithm}&digits=8&period=30`,
        });
        expect(byUri.status).toBe(201);
        expect(byUri.body).toMatchObject({ label: algorithm, issuer: 'RFC6238', digits: 8, period: 30, algorithm });
        devices.push([algorithm, bySecret.body.id], [algorithm, byUri.body.id]);
      }
      const before = await Promise.all(devices.map(([, id]) => relay.client.totpCode(id)));

      await relay.client.advanceClock(30_000);
      for (const [index, [algorithm, id]] of devices.entries()) {
        const now = await relay.client.totpCode(id);
        expect(now).toEqual({ code: codes[algorithm], remainingSeconds: 30 - (seconds % 30), period: 30 });
        expect(before[index]?.code).toMatch(/^\d{8}$/);
        expect(before[index]?.code).not.toBe(codes[algorithm]);
      }
    },
  );
});

describe('a TOTP device', () => {
  it('is made from an otpauth URI, listed without its secret, gives the code of the moment, and is deleted', async () => {
    const relay = await relayAt();
    const created = await relay.api('POST', '/api/v1/totp-devices', { otpauthUri: URI });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^TD[0-9a-f]{32}$/),
      label: 'seller@example.com',
      issuer: 'Lumen Goods',
      digits: 8,
      period: 60,
      algorithm: 'SHA256',
    });
    const { id } = created.body;

    const one = await relay.api('GET', `/api/v1/totp-devices/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);

    const list = await relay.api('GET', '/api/v1/totp-devices');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ devices: [created.body] });
    expect(JSON.stringify(list.body)).not.toContain(KEY);

    const answer = await relay.api('GET', `/api/v1/totp-devices/${id}/code`);
    expect(answer.status).toBe(200);
    const now = relay.relay.clock.now();
    expect(answer.body).toEqual({
      code: appCode(KEY, now, { digits: 8, period: 60, algorithm: 'SHA256' }),
      remainingSeconds: Math.ceil((60_000 - (now % 60_000)) / 1000),
      period: 60,
    });

    const deleted = await relay.api('DELETE', `/api/v1/totp-devices/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual(created.body);
    const gone = await relay.api('GET', `/api/v1/totp-devices/${id}/code`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    expect(gone.body).toMatchObject({ code: 'totp_device_not_found', status: 404 });
    expect((await relay.api('DELETE', `/api/v1/totp-devices/${id}`)).status).toBe(404);
    expect((await relay.api('GET', `/api/v1/totp-devices/${id}`)).status).toBe(404);
    expect((await relay.api('GET', '/api/v1/totp-devices')).body).toEqual({ devices: [] });
  });

  it('from a typed secret takes the defaults of every authenticator: SHA1, 6 digits, 30 s', async () => {
    const relay = await relayAt();
    // As sites print it: lower case in groups of four, padded.
    const device = await relay.client.createTotpDevice({ secret: 'jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp====' });
    expect(device).toMatchObject({ label: 'TOTP device', issuer: null, digits: 6, period: 30, algorithm: 'SHA1' });
    expect((await relay.client.totpCode(device.id)).code).toBe(appCode(KEY, relay.relay.clock.now()));
  });

  it('counts down on the test clock and changes code exactly at the period boundary', async () => {
    // 1,700,000,040 s is a multiple of both 30 and 60: the start of a period for every device.
    const start = 1_700_000_040_000;
    const relay = await relayAt(start);
    const thirty = await relay.client.createTotpDevice({ secret: KEY });
    const sixty = await relay.client.createTotpDevice({ secret: KEY, period: 60, digits: 7 });
    const first = await relay.client.totpCode(thirty.id);
    expect(first).toEqual({ code: appCode(KEY, start), remainingSeconds: 30, period: 30 });

    await relay.client.advanceClock(1);
    expect(await relay.client.totpCode(thirty.id)).toEqual({ ...first, remainingSeconds: 30 });
    await relay.client.advanceClock(28_998);
    expect(await relay.client.totpCode(thirty.id)).toEqual({ ...first, remainingSeconds: 2 });
    await relay.client.advanceClock(1000);
    expect(await relay.client.totpCode(thirty.id)).toEqual({ ...first, remainingSeconds: 1 });

    await relay.client.advanceClock(1);
    const next = await relay.client.totpCode(thirty.id);
    expect(next).toEqual({ code: appCode(KEY, start + 30_000), remainingSeconds: 30, period: 30 });
    expect(next.code).not.toBe(first.code);
    expect(await relay.client.totpCode(sixty.id)).toEqual({
      code: appCode(KEY, start, { period: 60, digits: 7 }),
      remainingSeconds: 30,
      period: 60,
    });
  });

  it('is forgotten by POST /reset, and a new one can be added after', async () => {
    const relay = await relayAt();
    const device = await relay.client.createTotpDevice({ secret: KEY });
    await relay.client.reset();
    expect(await relay.client.totpDevices()).toEqual([]);
    await expect(relay.client.totpCode(device.id)).rejects.toMatchObject({ code: 'totp_device_not_found' });
    expect(await relay.client.totpDevices()).toHaveLength(0);
    await relay.client.createTotpDevice({ secret: KEY });
    expect(await relay.client.totpDevices()).toHaveLength(1);
  });

  it('is bounded: past maxTotpDevices a create is 429 capacity_reached until one is deleted', async () => {
    const relay = await relayAt(undefined, { limits: { maxTotpDevices: 2 } });
    const first = await relay.client.createTotpDevice({ secret: KEY });
    await relay.client.createTotpDevice({ secret: KEY });
    const refused = await relay.api('POST', '/api/v1/totp-devices', { secret: KEY });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'capacity_reached' });
    await relay.client.deleteTotpDevice(first.id);
    expect((await relay.api('POST', '/api/v1/totp-devices', { secret: KEY })).status).toBe(201);
  });

  it('is in the OpenAPI document, with the request and answer shapes', async () => {
    const relay = await relayAt();
    const { paths } = (await relay.api('GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(paths['/api/v1/totp-devices'])).toEqual(['post', 'get']);
    expect(Object.keys(paths['/api/v1/totp-devices/{id}/code'])).toEqual(['get']);
    expect(Object.keys(paths['/api/v1/totp-devices/{id}'])).toEqual(['get', 'delete']);
    const request = paths['/api/v1/totp-devices'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(request.properties)).toEqual(['otpauthUri', 'secret', 'digits', 'period', 'algorithm', 'label']);
    expect(request.properties.period.enum).toEqual([30, 60]);
    const created = paths['/api/v1/totp-devices'].post.responses['201'].content['application/json'].schema;
    expect(created.required).toEqual(['id', 'label', 'issuer', 'digits', 'period', 'algorithm']);
  });

  it.each([
    ['GET', '/api/v1/totp-devices/TD00000000000000000000000000000000/code'],
    ['GET', '/api/v1/totp-devices/nope/code'],
    ['DELETE', '/api/v1/totp-devices/nope'],
  ])('%s %s of no device is 404 totp_device_not_found', async (method, path) => {
    const relay = await relayAt();
    const answer = await relay.api(method, path);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'totp_device_not_found' });
  });

  it.each([
    ['POST', '/api/v1/totp-devices', { secret: KEY }],
    ['GET', '/api/v1/totp-devices', undefined],
    ['GET', '/api/v1/totp-devices/ID/code', undefined],
    ['DELETE', '/api/v1/totp-devices/ID', undefined],
  ])('%s %s needs the token (401)', async (method, path, body) => {
    const relay = await relayAt();
    const { id } = await relay.client.createTotpDevice({ secret: KEY });
    const answer = await relay.api(method, path.replace('ID', id), body, { authorization: 'Bearer wrong' });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'unauthorized' });
    expect(await relay.client.totpDevices()).toHaveLength(1);
  });
});

const withKey = (extra: Record<string, unknown>) => ({ secret: KEY, ...extra });
const uri = (query: string, type = 'totp', label = 'Shop:me') => `otpauth://${type}/${label}?${query}`;

describe('bad input is a 400 problem naming the field, and never echoes a secret', () => {
  it.each([
    ['no key at all', {}, ['otpauthUri', 'secret']],
    ['a secret that is not base32', { secret: 'JBSWY3DPEHPK3PX1JBSWY3DP' }, ['secret']],
    ['a secret under 80 bits', { secret: 'JBSWY3DPEHPK3PX' }, ['secret']],
    ['a secret that is a number', { secret: 1234567890 }, ['secret']],
    ['5 digits', withKey({ digits: 5 }), ['digits']],
    ['9 digits', withKey({ digits: 9 }), ['digits']],
    ['6.5 digits', withKey({ digits: 6.5 }), ['digits']],
    ['a 45 s period', withKey({ period: 45 }), ['period']],
    ['period as text', withKey({ period: '30' }), ['period']],
    ['MD5', withKey({ algorithm: 'MD5' }), ['algorithm']],
    ['SHA224 (not offered)', withKey({ algorithm: 'SHA224' }), ['algorithm']],
    ['an empty label', withKey({ label: '  ' }), ['label']],
    ['an unknown field', withKey({ issuer: 'Shop' }), ['issuer']],
    ['a label with a right-to-left override', withKey({ label: 'seller\u202E@moc.liame' }), ['label']],
    ['a label with a zero-width space', withKey({ label: 'sel\u200Bler' }), ['label']],
    [
      'a URI whose account hides a bidi override',
      { otpauthUri: uri(`secret=${KEY}`, 'totp', 'Shop:me%E2%80%AEmoc') },
      ['otpauthUri'],
    ],
    [
      'a URI whose issuer hides a zero-width joiner',
      { otpauthUri: uri(`secret=${KEY}&issuer=Sh%E2%80%8Dop`) },
      ['otpauthUri'],
    ],
    ['a URI and a secret', { otpauthUri: uri(`secret=${KEY}`), secret: KEY }, ['secret']],
    ['a URI and settings', { otpauthUri: uri(`secret=${KEY}`), digits: 8 }, ['digits']],
    ['a web address', { otpauthUri: 'https://shop.example/2fa' }, ['otpauthUri']],
    ['an empty URI', { otpauthUri: '' }, ['otpauthUri']],
    ['an HOTP URI', { otpauthUri: uri(`secret=${KEY}&counter=0`, 'hotp') }, ['otpauthUri']],
    [
      'a Google Authenticator export',
      { otpauthUri: 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8' },
      ['otpauthUri'],
    ],
    ['a URI without a secret', { otpauthUri: uri('issuer=Shop') }, ['otpauthUri']],
    ['a URI with a bad secret', { otpauthUri: uri('secret=JBSWY3DP!!') }, ['otpauthUri']],
    ['a URI with a short secret', { otpauthUri: uri('secret=JBSWY3DPEHPK') }, ['otpauthUri']],
    ['a URI with 9 digits', { otpauthUri: uri(`secret=${KEY}&digits=9`) }, ['otpauthUri']],
    ['a URI with 4 digits', { otpauthUri: uri(`secret=${KEY}&digits=4`) }, ['otpauthUri']],
    ['a URI with a 15 s period', { otpauthUri: uri(`secret=${KEY}&period=15`) }, ['otpauthUri']],
    ['a URI with period 0', { otpauthUri: uri(`secret=${KEY}&period=0`) }, ['otpauthUri']],
    ['a URI with SHA224', { otpauthUri: uri(`secret=${KEY}&algorithm=SHA224`) }, ['otpauthUri']],
    ['a URI with MD5', { otpauthUri: uri(`secret=${KEY}&algorithm=MD5`) }, ['otpauthUri']],
    ['a URI with a bad %-escape', { otpauthUri: `otpauth://totp/Shop%E0%A4%A:me?secret=${KEY}` }, ['otpauthUri']],
    ['a URI over 2 KiB', { otpauthUri: uri(`secret=${KEY}&issuer=${'x'.repeat(2100)}`) }, ['otpauthUri']],
  ])('%s', async (_name, body, fields) => {
    const relay = await relayAt();
    const answer = await relay.api('POST', '/api/v1/totp-devices', body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    expect(answer.body.code).toBe('validation_failed');
    expect([...new Set(answer.body.errors.map((e: { field: string }) => e.field))]).toEqual(fields);
    for (const error of answer.body.errors) expect(error.message).not.toBe('');
    const sent = body as { secret?: unknown; otpauthUri?: string };
    const secrets = [sent.secret, /secret=([^&]+)/.exec(sent.otpauthUri ?? '')?.[1]];
    for (const secret of secrets)
      if (typeof secret === 'string') expect(JSON.stringify(answer.body)).not.toContain(secret);
    expect(await relay.client.totpDevices()).toEqual([]);
  });

  it('says what is wrong with a URI in words a tester can act on', async () => {
    const relay = await relayAt();
    const message = async (otpauthUri: string) => {
      const error = await relay.client.createTotpDevice({ otpauthUri }).catch((e: RelayError) => e);
      expect(error).toBeInstanceOf(RelayError);
      return (error as RelayError).errors?.[0]?.message;
    };
    expect(await message(uri(`secret=${KEY}&counter=0`, 'hotp'))).toBe(
      'is an HOTP (counter-based) key; only TOTP keys (otpauth://totp/…) make a device',
    );
    expect(await message(uri(`secret=${KEY}&digits=9`))).toBe('has digits=9: it must be 6, 7 or 8');
    expect(await message(uri(`secret=${KEY}&period=15`))).toBe('has period=15: it must be 30 or 60 (seconds)');
    expect(await message(uri(`secret=${KEY}&algorithm=SHA384`))).toBe(
      'has algorithm SHA384: it must be SHA1, SHA256 or SHA512',
    );
    expect(await message(uri('secret=JBSWY3DPEHPK'))).toBe('has a secret shorter than 16 base32 characters (80 bits)');
    expect(await message(uri('issuer=Shop'))).toBe(
      "is not a valid otpauth://totp/… URI (Missing or invalid 'secret' parameter)",
    );
  });
});

describe('secrets and codes stay out of the logs', () => {
  it('logs each add and delete by id, never the secret, the account name or a code', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const relay = await relayAt(undefined, { logger: createLogger('trace', sink) });
    const device = await relay.client.createTotpDevice({ otpauthUri: URI });
    const codes = [(await relay.client.totpCode(device.id)).code];
    await relay.client.advanceClock(60_000);
    codes.push((await relay.client.totpCode(device.id)).code);
    await relay.api('POST', '/api/v1/totp-devices', { otpauthUri: uri(`secret=${KEY}&digits=9`) });
    await relay.api('POST', '/api/v1/totp-devices', { secret: `${KEY}1` });
    await relay.client.deleteTotpDevice(device.id);
    await relay.close();
    t = undefined;

    const log = lines.join('');
    expect(log).toContain('totp device added');
    expect(log).toContain('totp device deleted');
    expect(log).toContain(device.id);
    expect(log).not.toContain(KEY.slice(0, 16));
    expect(log).not.toContain('seller@example.com');
    for (const code of codes) expect(log).not.toMatch(new RegExp(`(?<![\\da-f])${code}(?![\\da-f])`));
  });
});
