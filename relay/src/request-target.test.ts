import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';

let t: TestRelay;
afterEach(() => t?.close());

/** Writes raw bytes to the relay and reads until it closes or answers in full (a proxy-style client would). */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      answer += chunk;
      const head = answer.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(answer)?.[1];
      if (head >= 0 && length !== undefined && answer.length >= head + 4 + Number(length)) socket.end();
      // A switched protocol has no length: its head is the whole answer here.
      if (head >= 0 && answer.startsWith('HTTP/1.1 101')) socket.destroy();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(bytes);
  });
}

const status = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
const body = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
const header = (answer: string, name: string) =>
  new RegExp(`^${name}: (.*)$`, 'im').exec(answer.slice(0, answer.indexOf('\r\n\r\n')))?.[1]?.trim();

describe('request targets (issue 13 item 7)', () => {
  it.each([
    ['absolute-form', 'http://evil.example/healthz'],
    ['absolute-form naming the relay', 'http://127.0.0.1:PORT/healthz'],
    ['asterisk-form', '*'],
    ['a scheme-relative path', '//evil.example/healthz'],
  ])('refuses %s with an allowed Host', async (_name, target) => {
    t = await startTestRelay();
    const port = t.relay.port;
    const answer = await rawExchange(
      port,
      `GET ${target.replace('PORT', String(port))} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(status(answer)).toBe(400);
    expect(body(answer)).toMatchObject({ code: 'validation_failed', errors: [{ field: '(target)' }] });
    expect(answer).not.toContain('"ok":true');
  });

  it('still answers the same request in origin-form', async () => {
    t = await startTestRelay();
    const port = t.relay.port;
    const answer = await rawExchange(
      port,
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(status(answer)).toBe(200);
    expect(body(answer)).toEqual({ ok: true });
  });

  it('refuses a stream upgrade whose target is an absolute URL, even with the token', async () => {
    t = await startTestRelay();
    const port = t.relay.port;
    const upgrade = (target: string) =>
      rawExchange(
        port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
          `Sec-WebSocket-Protocol: otp-relay.v1, otp-relay.token.${t.relay.token}\r\n\r\n`,
      );
    const refused = await upgrade('http://evil.example/api/v1/stream');
    expect(status(refused)).toBe(400);
    expect(body(refused).code).toBe('validation_failed');
    // The same upgrade in origin-form is accepted: the refusal is about the target alone.
    expect(status(await upgrade('/api/v1/stream'))).toBe(101);
  });
});

describe('framing (issue 13 item 7)', () => {
  it.each([
    ['the landing page', '/'],
    ['health', '/healthz'],
    ['an API call without the token', '/api/v1/messages'],
    ['an unknown route', '/nope'],
    ['the demo page', '/demo/'],
  ])('%s may not be framed', async (_name, path) => {
    t = await startTestRelay({ demo: true });
    const answer = await fetch(`${t.relay.url}${path}`);
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('a refused Host and a refused target carry the framing headers too', async () => {
    t = await startTestRelay();
    const port = t.relay.port;
    for (const request of [
      `GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
      `GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    ]) {
      const answer = await rawExchange(port, request);
      expect(status(answer)).toBeGreaterThanOrEqual(400);
      expect(header(answer, 'x-frame-options')).toBe('DENY');
      expect(header(answer, 'content-security-policy')).toBe("frame-ancestors 'none'");
    }
  });

  it('the demo keeps its own policy, which forbids framing as well', async () => {
    t = await startTestRelay({ demo: true });
    const csp = (await fetch(`${t.relay.url}/demo/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
