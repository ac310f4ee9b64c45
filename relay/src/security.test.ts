import { request } from 'node:http';
import { EXTENSION_ORIGIN } from '@otp-relay/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { smsRequest, startTestRelay, streamProtocols, type TestRelay, wsUrl } from '../test-kit/relay-test-kit.ts';

let t: TestRelay;
afterEach(() => t?.close());

/** Raw node:http, because fetch rewrites the Host header. */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, setHost: false }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The HTTP status a refused upgrade answers with (the socket is destroyed before any WebSocket exists). */
function upgradeStatus(url: string, protocols: string[], headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('8. security', () => {
  it.each([
    ['evil.example', 403],
    ['evil.example:80', 403],
    ['127.0.0.1.nip.io:PORT', 403],
    ['127.0.0.1:PORT', 200],
    ['localhost:PORT', 200],
    ['[::1]:PORT', 200],
  ])('Host %s → %i', async (host, status) => {
    t = await startTestRelay();
    const answer = await rawGet(t.relay.port, '/healthz', { host: host.replace('PORT', String(t.relay.port)) });
    expect(answer.status).toBe(status);
    if (status === 403) expect(JSON.parse(answer.body).code).toBe('forbidden_host');
    else expect(JSON.parse(answer.body)).toEqual({ ok: true });
  });

  it('accepts configured extra hosts', async () => {
    t = await startTestRelay({ allowedHosts: ['relay.lan:9999'] });
    expect((await rawGet(t.relay.port, '/healthz', { host: 'relay.lan:9999' })).status).toBe(200);
  });

  it('refuses an upgrade with a foreign Host', async () => {
    t = await startTestRelay();
    expect(await upgradeStatus(wsUrl(t.relay), streamProtocols(t.relay.token), { host: 'evil.example' })).toBe(403);
  });

  it.each([
    ['no Origin (a non-browser client)', undefined, 101],
    ['the pinned extension', EXTENSION_ORIGIN, 101],
    ['another extension', 'chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 403],
    ['a web page', 'https://evil.example', 403],
    ['the relay itself', 'http://127.0.0.1', 403],
    ['the literal null origin', 'null', 403],
  ])('stream upgrade from %s', async (_name, origin, status) => {
    t = await startTestRelay();
    const headers: Record<string, string> = origin === undefined ? {} : { origin };
    expect(await upgradeStatus(wsUrl(t.relay), streamProtocols(t.relay.token), headers)).toBe(status);
  });

  it('allows configured extra extension ids', async () => {
    const id = 'abcdefghijklmnopabcdefghijklmnop';
    t = await startTestRelay({ extensionIds: [id] });
    const status = await upgradeStatus(wsUrl(t.relay), streamProtocols(t.relay.token), {
      origin: `chrome-extension://${id}`,
    });
    expect(status).toBe(101);
  });

  it('refuses to start with an extension id that is not one', async () => {
    await expect(startTestRelay({ extensionIds: ['https://evil.example'] })).rejects.toThrow(/extension id/);
  });

  it.each([
    ['no token', ['otp-relay.v1']],
    ['a wrong token', ['otp-relay.v1', 'otp-relay.token.wrong-token-wrong-token']],
  ])('refuses the stream with %s: 401', async (_name, protocols) => {
    t = await startTestRelay();
    expect(await upgradeStatus(wsUrl(t.relay), protocols)).toBe(401);
  });

  it.each([
    ['GET', '/api/v1/messages'],
    ['POST', '/api/v1/verifications'],
    ['GET', '/api/v1/chaos'],
    ['POST', '/api/v1/reset'],
    ['GET', '/api/v1/no-such-route'],
  ])('%s %s without the token → 401', async (method, path) => {
    t = await startTestRelay();
    for (const authorization of ['', 'Bearer nope', `Basic ${t.relay.token}`, `Bearer ${t.relay.token}x`]) {
      const answer = await t.api(method, path, undefined, { authorization });
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('unauthorized');
    }
  });

  it('never sends CORS headers, not even to a preflight', async () => {
    t = await startTestRelay();
    const origin = { origin: 'https://evil.example' };
    const answers = [
      await t.api('OPTIONS', '/api/v1/verifications', undefined, {
        ...origin,
        'access-control-request-method': 'POST',
      }),
      await t.api('GET', '/api/v1/messages', undefined, origin),
      await t.api('GET', '/healthz', undefined, origin),
      await t.api('POST', '/api/v1/verifications', smsRequest(), origin),
    ];
    for (const answer of answers) {
      expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it.each([
    ['text/plain', 'hello'],
    ['application/x-www-form-urlencoded', 'to=%2B14155550123'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('refuses a %s body with 415', async (type, body) => {
    t = await startTestRelay();
    const answer = await t.api('POST', '/api/v1/verifications', body, { 'content-type': type });
    expect(answer.status).toBe(415);
    expect(answer.body.code).toBe('unsupported_media_type');
  });

  it('refuses a 17 KiB body with 413', async () => {
    t = await startTestRelay();
    const body = JSON.stringify({ ...smsRequest(), origin: `http://${'a'.repeat(17 * 1024)}.example` });
    const answer = await t.api('POST', '/api/v1/verifications', body);
    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe('payload_too_large');
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    t = await startTestRelay();
    const answer = await t.api('POST', '/api/v1/verifications', '{"to": ');
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('malformed_json');
  });

  it.each([
    ['an unknown field', { ...smsRequest(), admin: true }, 'admin'],
    ['a wrong type', { ...smsRequest(), codeLength: '6' }, 'codeLength'],
    ['a code length out of range', { ...smsRequest(), codeLength: 3 }, 'codeLength'],
    ['a TTL out of range', { ...smsRequest(), ttlSeconds: 86_401 }, 'ttlSeconds'],
    ['a phone number that is not E.164', smsRequest({ to: '415-555-0123' }), 'to'],
    ['a phone number no plan has', smsRequest({ to: '+19995550123' }), 'to'],
    ['an email that is not one', smsRequest({ channel: 'email', to: 'seller@' }), 'to'],
    ['an origin with a path', smsRequest({ origin: 'https://shop.example/login' }), 'origin'],
    ['a missing field', { to: '+14155550123', channel: 'sms', origin: 'https://shop.example' }, 'purpose'],
  ])('answers %s with 400 problem+json naming the field', async (_name, body, field) => {
    t = await startTestRelay();
    const answer = await t.api('POST', '/api/v1/verifications', body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ code: 'validation_failed', status: 400 });
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(answer.body.detail).toContain(field);
    expect(await t.client.listMessages()).toEqual([]);
  });

  it('names the query parameter at fault', async () => {
    t = await startTestRelay();
    const answer = await t.api('GET', '/api/v1/messages?folder=trash&color=red');
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['color', 'folder']);
  });

  it('answers unknown routes and wrong methods with problems', async () => {
    t = await startTestRelay();
    const missing = await t.api('GET', '/nowhere');
    expect(missing).toMatchObject({ status: 404, body: { code: 'not_found' } });
    const wrongMethod = await t.api('PUT', '/api/v1/verifications', {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const badId = await t.api('GET', '/api/v1/verifications/not-an-id');
    expect(badId).toMatchObject({ status: 404, body: { code: 'verification_not_found' } });
  });

  it('switches test controls off', async () => {
    t = await startTestRelay({ testControls: false });
    for (const [method, path, body] of [
      ['GET', '/api/v1/chaos', undefined],
      ['PUT', '/api/v1/chaos', { rules: [] }],
      ['GET', '/api/v1/clock', undefined],
      ['POST', '/api/v1/clock/advance', { ms: 1 }],
      ['POST', '/api/v1/reset', undefined],
    ] as const) {
      const answer = await t.api(method, path, body);
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('test_controls_disabled');
    }
  });
});

describe('meta routes', () => {
  it('serves /healthz without a token, a landing page, and an OpenAPI 3.1 document from the schemas', async () => {
    t = await startTestRelay({ demo: true });
    const health = await fetch(`${t.relay.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    const landing = await (await fetch(`${t.relay.url}/`)).text();
    expect(landing).toContain('href="/demo/"');
    expect(landing).toContain('href="/api/v1/openapi.json"');
    expect((await fetch(`${t.relay.url}/demo/`)).status).toBe(200);
    const doc = await (await fetch(`${t.relay.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/verifications', '/api/v1/verifications/{id}/check', '/api/v1/messages/latest']),
    );
    const create = doc.paths['/api/v1/verifications'].post;
    expect(create.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(create.responses['201']).toBeDefined();
  });
});
