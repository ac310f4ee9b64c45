import { afterEach, describe, expect, it } from 'vitest';
import { openStream, PHONE, smsRequest, startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';

/*
 * The ends of a verification's life a site notices: an ended one stays readable for an hour and is then
 * forgotten, a deadline of a forgotten one does nothing, and a code held back by a chaos delay arrives only
 * while it is the live code.
 */

let t: TestRelay;
afterEach(() => t?.close());

const HOUR = 3_600_000;

async function approved(ttlSeconds: number) {
  const { id } = await t.client.createVerification(smsRequest({ ttlSeconds }));
  const { code } = await t.client.waitForMessage({ to: PHONE });
  expect(await t.client.check(id, code as string)).toMatchObject({ valid: true });
  return id;
}

describe('after the end', () => {
  it('an ended verification answers GET for an hour, then 404', async () => {
    t = await startTestRelay({ testClock: true });
    const id = await approved(60);
    await t.client.advanceClock(HOUR - 1);
    expect((await t.api('GET', `/api/v1/verifications/${id}`)).body).toMatchObject({ id, status: 'approved' });
    await t.client.advanceClock(1);
    expect((await t.api('GET', `/api/v1/verifications/${id}`)).status).toBe(404);
  });

  it('the expiry of a verification already forgotten passes quietly', async () => {
    t = await startTestRelay({ testClock: true });
    // Approved at once, forgotten an hour later, its two-hour deadline still in the schedule.
    const id = await approved(7200);
    await t.client.advanceClock(HOUR);
    expect((await t.api('GET', `/api/v1/verifications/${id}`)).status).toBe(404);
    expect((await t.api('POST', '/api/v1/clock/advance', { ms: HOUR })).status).toBe(200);
    expect((await t.api('POST', '/api/v1/verifications', smsRequest())).status).toBe(201);
    expect(await t.client.listMessages()).toHaveLength(1);
  });
});

describe('a code held back by a delay', () => {
  it('a resend during the delay: the old code never arrives, the new one at its own time', async () => {
    t = await startTestRelay({ testClock: true });
    await t.client.setChaos([{ action: 'delay', delayMs: 60_000 }]);
    const { id } = await t.client.createVerification(smsRequest());
    await t.client.advanceClock(30_000);
    expect((await t.api('POST', `/api/v1/verifications/${id}/resend`)).status).toBe(200);
    // The first code's hour of delivery comes: it died with the resend, and the new one is not due yet.
    await t.client.advanceClock(30_000);
    expect(await t.client.listMessages()).toEqual([]);
    await t.client.advanceClock(30_000);
    const messages = await t.client.listMessages();
    expect(messages).toHaveLength(1);
    expect(await t.client.check(id, messages[0]?.code as string)).toMatchObject({ valid: true });
  });

  it('a resend delivered at once: the held old code still never arrives', async () => {
    t = await startTestRelay({ testClock: true });
    await t.client.setChaos([{ action: 'delay', delayMs: 60_000 }]);
    const { id } = await t.client.createVerification(smsRequest());
    await t.client.advanceClock(30_000);
    await t.client.setChaos([]);
    expect((await t.api('POST', `/api/v1/verifications/${id}/resend`)).status).toBe(200);
    const [fresh] = await t.client.listMessages();
    await t.client.advanceClock(60_000);
    expect(await t.client.listMessages()).toEqual([fresh]);
  });
});

describe('an ended verification stays as it ended', () => {
  it('however many checks follow an approval, it stays approved with its attempts untouched', async () => {
    t = await startTestRelay({ testClock: true });
    const id = await approved(600);
    for (let i = 0; i < 6; i++) {
      expect(await t.client.check(id, '000000')).toEqual({ valid: false, status: 'approved', attemptsRemaining: 5 });
    }
    expect((await t.client.getVerification(id)).status).toBe('approved');
  });

  it('neither its expiry time nor a cancel changes an approved one', async () => {
    t = await startTestRelay({ testClock: true });
    const id = await approved(60);
    await t.client.advanceClock(60_000);
    expect((await t.client.getVerification(id)).status).toBe('approved');
    expect((await t.api('DELETE', `/api/v1/verifications/${id}`)).body).toMatchObject({ id, status: 'approved' });
  });

  it('only an expiry is announced as expired; one whose message never came names none', async () => {
    t = await startTestRelay({ testClock: true });
    const stream = await openStream(t.relay);
    await approved(60);
    await t.client.setChaos([{ action: 'drop' }]);
    const dropped = await t.client.createVerification(smsRequest({ to: '+14155550124', ttlSeconds: 1 }));
    await t.client.advanceClock(1000);
    const expired = await stream.next((e) => e.type === 'expired');
    expect(expired.data).toEqual({ verificationId: dropped.id, messageIds: [] });
    expect(stream.events.filter((e) => e.type === 'expired')).toHaveLength(1);
    stream.ws.close();
  });

  it('the stream snapshot holds the pending verifications only', async () => {
    t = await startTestRelay({ testClock: true });
    const done = await approved(60);
    const { id: live } = await t.client.createVerification(smsRequest({ to: '+14155550124' }));
    const stream = await openStream(t.relay);
    stream.send({ type: 'resume' });
    const snapshot = await stream.next((e) => e.type === 'snapshot');
    expect(snapshot.type === 'snapshot' && snapshot.data.verifications.map((v) => v.id)).toEqual([live]);
    expect(done).not.toBe(live);
    stream.ws.close();
  });
});

describe('checks by destination', () => {
  it('skip a newer verification that already ended and check the pending one under it', async () => {
    t = await startTestRelay({ testClock: true });
    const { id: older } = await t.client.createVerification(smsRequest());
    const { code } = await t.client.waitForMessage({ to: PHONE });
    await t.client.advanceClock(1);
    const { id: newer } = await t.client.createVerification(smsRequest());
    await t.client.cancel(newer);
    expect(await t.client.checkByDestination({ to: PHONE, purpose: 'login', code: code as string })).toEqual({
      valid: true,
      status: 'approved',
    });
    expect((await t.client.getVerification(older)).status).toBe('approved');
  });

  it('still answer, by id and by destination, after the destination counters were dropped as idle', async () => {
    t = await startTestRelay({ testClock: true, limits: { maxDestinations: 1, sendWindowSeconds: 1 } });
    const { id } = await t.client.createVerification(smsRequest());
    await t.client.advanceClock(2000);
    // Each new destination takes the only slot: the previous one's counters go, its verification stays.
    await t.client.createVerification(smsRequest({ to: '+14155550124' }));
    const [second] = await t.client.listMessages({ to: '+14155550124' });
    await t.client.advanceClock(2000);
    await t.client.createVerification(smsRequest({ to: 'a@shop.example', channel: 'email' }));
    expect(await t.client.check(id, '000000')).toEqual({ valid: false, status: 'pending', attemptsRemaining: 4 });
    const byDestination = (code: string) => t.client.checkByDestination({ to: '+14155550124', purpose: 'login', code });
    expect(await byDestination('000000')).toEqual({ valid: false, status: 'pending' });
    expect(await byDestination(second?.code as string)).toEqual({ valid: true, status: 'approved' });
  });

  it('a wrong check is told on the stream at once, with the attempts left', async () => {
    t = await startTestRelay({ testClock: true });
    const stream = await openStream(t.relay);
    const { id } = await t.client.createVerification(smsRequest());
    await t.client.advanceClock(5000);
    await t.client.check(id, '000000');
    const told = await stream.next((e) => e.type === 'verification' && e.data.attemptsRemaining === 4);
    expect(told.type === 'verification' && told.data).toMatchObject({ id, status: 'pending' });
    expect((await t.client.getVerification(id)).updatedAt).toBe(told.type === 'verification' && told.data.updatedAt);
    expect(
      Date.parse((await t.client.getVerification(id)).updatedAt) -
        Date.parse((await t.client.getVerification(id)).createdAt),
    ).toBe(5000);
    stream.ws.close();
  });
});

describe('refusals say why', () => {
  it('names what blocks a resend, a lookup, a send and a new verification', async () => {
    t = await startTestRelay({ testClock: true, limits: { maxLiveVerifications: 1 } });
    const { id } = await t.client.createVerification(smsRequest());
    await t.client.advanceClock(12_500);
    expect((await t.api('POST', `/api/v1/verifications/${id}/resend`)).body.detail).toMatch(/Wait 18 s/);
    const full = await t.api('POST', '/api/v1/verifications', smsRequest({ to: '+14155550124' }));
    expect(full.body).toMatchObject({ code: 'capacity_reached' });
    expect(full.body.detail).toMatch(/\b1 live verifications\b/);
    await t.client.cancel(id);
    const ended = await t.api('POST', `/api/v1/verifications/${id}/resend`);
    expect(ended.status).toBe(404);
    expect(ended.body.detail).toMatch(/is canceled/);
    const unknown = await t.api('GET', '/api/v1/verifications/VE00000000000000000000000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/VE00000000000000000000000000000000/);
    await t.client.setChaos([{ action: 'fail' }]);
    const failed = await t.api('POST', '/api/v1/verifications', smsRequest({ to: 'a@shop.example', channel: 'email' }));
    expect(failed.status).toBe(502);
    expect(failed.body.detail).toMatch(/email provider/);
  });
});
