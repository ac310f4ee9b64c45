import { afterEach, describe, expect, it } from 'vitest';
import { PHONE, smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';
import { createMemoryStore } from './store.ts';

let t: TestRelay;
afterEach(() => t?.close());

const email = (to: string) => smsRequest({ to, channel: 'email' });
const create = (to: string) => t.api('POST', '/api/v1/verifications', email(to));

describe('bounded memory (issue 13 item 3)', () => {
  it('refuses a create past maxLiveVerifications with 429 capacity_reached, and takes one again once a code ends', async () => {
    t = await startTestRelay({ limits: { maxLiveVerifications: 3 } });
    const made = [await create('a@shop.example'), await create('b@shop.example'), await create('c@shop.example')];
    expect(made.map((answer) => answer.status)).toEqual([201, 201, 201]);
    const refused = await create('d@shop.example');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'capacity_reached' });
    expect(refused.headers.get('retry-after')).toBe('60');
    // Nothing was sent for the refused one.
    expect((await t.client.listMessages({ to: 'd@shop.example' })).length).toBe(0);
    const id = (made[0] as { body: { id: string } }).body.id;
    expect((await t.api('DELETE', `/api/v1/verifications/${id}`, {})).status).toBe(200);
    expect((await create('d@shop.example')).status).toBe(201);
  });

  it('10,000 checks for destinations nothing was sent to make no destination records', async () => {
    const store = createMemoryStore();
    t = await startTestRelay({ store });
    expect((await t.api('POST', '/api/v1/verifications', smsRequest())).status).toBe(201);
    expect(store.destinationCount()).toBe(1);
    let next = 0;
    const worker = async () => {
      while (next < 10_000) {
        const i = next++;
        const answer = await t.api('POST', '/api/v1/verification-checks', {
          to: `nobody${i}@shop.example`,
          purpose: 'login',
          code: '123456',
        });
        expect(answer.body).toMatchObject({ valid: false });
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(store.destinationCount()).toBe(1);
    // The destination that was sent to still counts its failures (and locks out as before).
    const failed = await t.api('POST', '/api/v1/verification-checks', { to: PHONE, purpose: 'login', code: '000000' });
    expect(failed.body).toMatchObject({ valid: false });
    expect(store.destinationCount()).toBe(1);
  }, 120_000);

  it('keeps at most maxDestinations send counters: idle ones are dropped, and past it a new destination waits', async () => {
    const store = createMemoryStore();
    t = await startTestRelay({
      store,
      testClock: true,
      limits: { maxDestinations: 3, sendWindowSeconds: 60, ttlSeconds: 30 },
    });
    for (const to of ['a@shop.example', 'b@shop.example', 'c@shop.example'])
      expect((await create(to)).status).toBe(201);
    // Three destinations sent to inside the window: a fourth would be a fourth record.
    const refused = await create('d@shop.example');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'capacity_reached' });
    // One already known is still served.
    expect((await create('a@shop.example')).status).toBe(201);
    expect(store.destinationCount()).toBe(3);
    // Past the window nothing depends on the old counters: they make room.
    await t.api('POST', '/api/v1/clock/advance', { ms: 61_000 });
    expect((await create('d@shop.example')).status).toBe(201);
    expect(store.destinationCount()).toBeLessThanOrEqual(3);
  });
});
