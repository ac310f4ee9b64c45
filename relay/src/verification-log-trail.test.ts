import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { PHONE, smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';
import { createLogger } from './logger.ts';

/*
 * An operator follows one verification through the relay's JSON log by its id: created (with how it was
 * delivered), resent, ended (with how), and sees when a destination is locked out: all without a code or
 * the destination itself in the log.
 */

let t: TestRelay;
afterEach(() => t?.close());

function jsonLog() {
  const entries: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim() !== '') entries.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('info', sink, 'json'), entries };
}

describe('the log trail of a verification', () => {
  it('created, resent, ended: each line names the verification, the last one how it ended', async () => {
    const { logger, entries } = jsonLog();
    t = await startTestRelay({ logger, testClock: true });
    const { id } = await t.client.createVerification(smsRequest());
    await t.client.advanceClock(30_000);
    await t.client.resend(id);
    await t.client.cancel(id);
    const trail = entries.filter((entry) => entry.verificationId === id);
    expect(trail.map((entry) => entry.msg)).toEqual([
      'verification created',
      'verification resent',
      'verification ended',
    ]);
    expect(trail[0]).toMatchObject({ channel: 'sms', purpose: 'login', delivery: 'deliver' });
    expect(trail[1]).toMatchObject({ delivery: 'deliver' });
    expect(trail[2]).toMatchObject({ status: 'canceled' });
  });

  it('a lockout is logged with its length, not with the destination', async () => {
    const { logger, entries } = jsonLog();
    t = await startTestRelay({ logger, limits: { lockoutThreshold: 2, lockoutSeconds: 120 } });
    await t.client.createVerification(smsRequest());
    for (let i = 0; i < 2; i++) await t.client.checkByDestination({ to: PHONE, purpose: 'login', code: '000000' });
    const locked = entries.find((entry) => entry.msg === 'destination locked after repeated failed checks');
    expect(locked).toMatchObject({ level: 40, lockoutSeconds: 120, toLength: PHONE.length });
    expect(JSON.stringify(entries)).not.toContain(PHONE.slice(1));
  });
});
