import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { PHONE, smsRequest, startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';
import type { Clock } from '../clock.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { createMemoryStore } from '../store.ts';
import { AbuseLimits } from './abuse-limits.ts';

/*
 * What the per-destination counters promise a site and its users: a lockout that ends lets a full count of
 * tries in again, counters are dropped only when nothing depends on them (a locked destination stays locked),
 * and the relay that is full of counters takes new destinations again once some are idle.
 */

let t: TestRelay;
afterEach(() => t?.close());

const email = (to: string) => smsRequest({ to, channel: 'email' });
const create = (to: string) => t.api('POST', '/api/v1/verifications', email(to));
const checkBy = (to: string, code: string) =>
  t.api('POST', '/api/v1/verification-checks', { to, purpose: 'login', code });

describe('lockout', () => {
  it('a lockout that ended takes a full count of new failures to lock again', async () => {
    t = await startTestRelay({ testClock: true, limits: { lockoutThreshold: 3, lockoutSeconds: 60 } });
    expect((await t.api('POST', '/api/v1/verifications', smsRequest())).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await checkBy(PHONE, '000000')).status).toBe(200);
    const locked = await checkBy(PHONE, '000000');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'destination_locked', retryAfterSeconds: 60 });
    expect(locked.body.detail).toMatch(/failed checks/);

    await t.client.advanceClock(59_500);
    expect((await checkBy(PHONE, '000000')).headers.get('retry-after')).toBe('1');
    await t.client.advanceClock(500);
    for (let i = 0; i < 3; i++) expect((await checkBy(PHONE, '000000')).status).toBe(200);
    expect((await checkBy(PHONE, '000000')).status).toBe(429);
  });

  it('the send limit says what the limit is', async () => {
    t = await startTestRelay({ testClock: true, limits: { sendsPerWindow: 2, sendWindowSeconds: 90 } });
    await create('a@shop.example');
    await t.client.advanceClock(10_000);
    await create('a@shop.example');
    const refused = await create('a@shop.example');
    expect(refused.status).toBe(429);
    // The window started with the first send: it makes room 90 s after it, 80 s from now.
    expect(refused.body).toMatchObject({ code: 'send_limit_reached', retryAfterSeconds: 80 });
    expect(refused.body.detail).toMatch(/\b2 codes\b.*\b90 s\b/);
  });
});

describe('a relay full of destination counters', () => {
  it('drops idle counters again a second after a sweep found none, not before', async () => {
    t = await startTestRelay({ testClock: true, limits: { maxDestinations: 2, sendWindowSeconds: 1 } });
    expect((await create('a@shop.example')).status).toBe(201);
    expect((await create('b@shop.example')).status).toBe(201);
    await t.client.advanceClock(500);
    // Both were sent to within the window: nothing can make room.
    const refused = await create('c@shop.example');
    expect(refused).toMatchObject({ status: 429, body: { code: 'capacity_reached', retryAfterSeconds: 60 } });
    expect(refused.body.detail).toMatch(/\b2 destinations\b/);
    // Both are idle now, but a sweep costs a pass over every counter: a flood pays one per second.
    await t.client.advanceClock(700);
    expect((await create('c@shop.example')).status).toBe(429);
    await t.client.advanceClock(300);
    expect((await create('c@shop.example')).status).toBe(201);
  });

  it('never drops a locked destination: its lockout outlives the sweep, and ends exactly when it was due', async () => {
    t = await startTestRelay({
      testClock: true,
      limits: { maxDestinations: 2, sendWindowSeconds: 1, lockoutThreshold: 1, lockoutSeconds: 60 },
    });
    expect((await create('a@shop.example')).status).toBe(201);
    expect((await checkBy('a@shop.example', '000000')).status).toBe(200);
    expect((await checkBy('a@shop.example', '000000')).body.code).toBe('destination_locked');
    await t.client.advanceClock(2000);
    // b is made, then idle; a is idle but locked: c takes b's place.
    expect((await create('b@shop.example')).status).toBe(201);
    await t.client.advanceClock(2000);
    expect((await create('c@shop.example')).status).toBe(201);
    expect((await checkBy('a@shop.example', '000000')).body.code).toBe('destination_locked');

    // c is sent to again just before a's lockout ends; the moment it ends, a's counters can go and d fits.
    await t.client.advanceClock(60_000 - 4000 - 500);
    expect((await create('c@shop.example')).status).toBe(201);
    await t.client.advanceClock(500);
    expect((await create('d@shop.example')).status).toBe(201);
  });

  it('a clock set back does not stop the sweeps until it catches up again', () => {
    let now = Date.parse('2026-12-02T12:00:00Z');
    const clock: Clock = { isTest: false, now: () => now };
    const store = createMemoryStore();
    const abuse = new AbuseLimits(store, clock, { ...DEFAULT_LIMITS, maxDestinations: 1 }, pino({ level: 'silent' }));
    // Asked for and then not sent (the provider refused): counters with nothing in them, idle at once.
    abuse.assertSendAllowed('a@shop.example', now);
    abuse.assertSendAllowed('b@shop.example', now);
    expect(store.findDestination('a@shop.example')).toBeUndefined();
    // The wall clock jumps back an hour (NTP, a laptop waking): the next full store still sweeps.
    now -= 3_600_000;
    abuse.assertSendAllowed('c@shop.example', now);
    expect(store.findDestination('b@shop.example')).toBeUndefined();
    expect(store.destinationCount()).toBe(1);
  });
});
