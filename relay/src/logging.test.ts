import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openStream, PHONE, smsRequest, startTestRelay } from '../test-kit/relay-test-kit.ts';
import { createLogger, defaultLogFormat } from './logger.ts';

describe('logs', () => {
  it('never contain a code or the token, whatever happens', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('trace', sink);
    const t = await startTestRelay({ logger, testClock: true, limits: { lockoutThreshold: 10 } });
    const codes: string[] = [];
    // Every path that logs: create, deliver, check right and wrong, resend, expire, lockout, the stream, errors.
    const stream = await openStream(t.relay);
    stream.send({ type: 'resume', since: 0 });
    const first = await t.client.createVerification(smsRequest());
    codes.push((await t.client.waitForMessage({ to: PHONE })).code as string);
    await t.client.check(first.id, '000000');
    await t.client.advanceClock(30_000);
    await t.client.resend(first.id);
    codes.push((await t.client.latestMessage({ to: PHONE }))?.code as string);
    await t.client.check(first.id, codes[1] as string);
    await t.client.createVerification(smsRequest({ purpose: 'signup', ttlSeconds: 1 }));
    codes.push((await t.client.latestMessage({ purpose: 'signup' }))?.code as string);
    await t.client.advanceClock(1000);
    await t.api('POST', '/api/v1/verifications', { ...smsRequest(), token: t.relay.token });
    await t.api('GET', `/api/v1/messages?to=${t.relay.token}`, undefined, {
      authorization: `Bearer ${t.relay.token}x`,
    });
    for (let i = 0; i < 100; i++)
      await t.client.checkByDestination({ to: PHONE, purpose: 'login', code: '1234' }).catch(() => {});
    stream.ws.close();
    await t.close();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(20);
    expect(log).toContain('verification created');
    expect(log).toContain('destination locked');
    expect(log).not.toContain(t.relay.token);
    for (const code of codes) {
      expect(code).toMatch(/^\d{6}$/);
      expect(log).not.toMatch(new RegExp(`(?<![\\d.])${code}(?!\\d)`));
    }
  });

  it.each(['json', 'pretty'] as const)(
    'redacts secret-looking fields even if some code tried to log them (%s format)',
    (format) => {
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const logger = createLogger('info', sink, format);
      logger.info({ code: '123456', token: 'secret-token', message: { code: '654321', text: 'code 654321' } }, 'oops');
      const log = lines.join('');
      expect(log).toContain('oops');
      expect(log).toContain('[redacted]');
      expect(log.startsWith('{')).toBe(format === 'json');
      expect(log).not.toMatch(/123456|654321|secret-token/);
    },
  );

  it.each([
    [{ isTTY: true }, 'pretty'],
    [{ isTTY: false }, 'json'],
    [{}, 'json'],
  ] as const)('stderr %j: %s by default', (stream, format) => {
    expect(defaultLogFormat(stream)).toBe(format);
  });
});
