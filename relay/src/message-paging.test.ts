import { afterEach, describe, expect, it } from 'vitest';
import { smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';

/* Issue 13 item 2: GET /api/v1/messages answers pages of 100 by default, with a cursor to the next. */

let t: TestRelay;
afterEach(() => t?.close());

describe('GET /api/v1/messages in pages', () => {
  it('250 live codes: pages of 100, 100, 50 by cursor, newest first, each code once', async () => {
    t = await startTestRelay({ limits: { sendsPerWindow: 10_000 } });
    for (let i = 0; i < 250; i++) t.relay.service.create(smsRequest({ to: `p${i}@shop.example`, channel: 'email' }));
    const sizes: number[] = [];
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.api('GET', `/api/v1/messages${cursor ? `?cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      sizes.push(page.body.messages.length);
      ids.push(...page.body.messages.map((m: { id: string }) => m.id));
      cursor = page.body.nextCursor;
    } while (cursor !== undefined);
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(ids).size).toBe(250);
    const all = await t.client.listAllMessages();
    expect(all.map((m) => m.id)).toEqual(ids);
    expect(all[0]?.to).toBe('p249@shop.example');
    expect((await t.api('GET', '/api/v1/messages?limit=1000')).body.messages).toHaveLength(250);
  });

  it('a cursor whose message left meanwhile goes on from the next older one', async () => {
    t = await startTestRelay({ limits: { sendsPerWindow: 10_000 }, testClock: true });
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(t.relay.service.create(smsRequest({ to: `q${i}@shop.example`, channel: 'email' })));
      await t.client.advanceClock(1000);
    }
    const first = await t.api('GET', '/api/v1/messages?limit=2');
    expect(first.body.messages.map((m: { to: string }) => m.to)).toEqual(['q4@shop.example', 'q3@shop.example']);
    await t.client.cancel(made[3]?.id ?? '');
    const next = await t.api('GET', `/api/v1/messages?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.messages.map((m: { to: string }) => m.to)).toEqual(['q2@shop.example', 'q1@shop.example']);
  });

  it('a cursor it never gave out is 400 naming cursor', async () => {
    t = await startTestRelay();
    const answer = await t.api('GET', '/api/v1/messages?cursor=bm90LWEtY3Vyc29y');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });
});
