import { afterEach, describe, expect, it } from 'vitest';
import { smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';

let t: TestRelay;
afterEach(() => t?.close());

const email = (to: string) => smsRequest({ to, channel: 'email' });

/** Spellings of one mailbox an attacker would rotate through to get past a per-destination limit. */
const SPELLINGS = [
  'Seller+a@Shop.example',
  'seller+b@shop.example',
  'SELLER@SHOP.EXAMPLE',
  'seller+c@SHOP.example',
  'Seller@shop.example',
  'seller+d@shop.EXAMPLE',
];

describe('one mailbox, one send limit (issue 13 item 8)', () => {
  it('30 codes to case and +tag spellings of one mailbox hit the send limit at 5, as one spelling would', async () => {
    t = await startTestRelay();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const answer = await t.api('POST', '/api/v1/verifications', email(SPELLINGS[i % SPELLINGS.length] as string));
      statuses.push(answer.status);
      if (answer.status === 429) expect((answer.body as { code: string }).code).toBe('send_limit_reached');
    }
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    // Another mailbox on the same domain is not touched by it.
    expect((await t.api('POST', '/api/v1/verifications', email('buyer@shop.example'))).status).toBe(201);
  });

  it('shows a destination NFC-normalised with its domain lowercased, and finds it by any domain case', async () => {
    t = await startTestRelay();
    const created = await t.api('POST', '/api/v1/verifications', email('Re\u0301my@Shop.Example'));
    expect(created.status).toBe(201);
    expect((created.body as { to: string }).to).toBe('R\u00e9my@shop.example');
    const latest = await t.api('GET', `/api/v1/messages/latest?to=${encodeURIComponent('R\u00e9my@SHOP.example')}`);
    expect(latest.status).toBe(200);
    expect((latest.body as { to: string }).to).toBe('R\u00e9my@shop.example');
  });

  it.each([
    ['a right-to-left override', 'seller\u202e@shop.example'],
    ['a first-strong isolate', '\u2068seller@shop.example'],
    ['a zero-width space', 'sel\u200bler@shop.example'],
    ['a zero-width joiner', 'seller\u200d@shop.example'],
    ['a word joiner', 'seller@shop\u2060.example'],
    ['a byte-order mark', 'seller\ufeff@shop.example'],
  ])('refuses %s in to with 400 naming the field', async (_name, to) => {
    t = await startTestRelay();
    const answers = [
      await t.api('POST', '/api/v1/verifications', email(to)),
      await t.api('POST', '/api/v1/verification-checks', { to, purpose: 'login', code: '123456' }),
      await t.api('POST', '/api/v1/inbound', { channel: 'email', from: 'shop@shop.example', to, text: 'Code 123456' }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'to' }] });
    }
    expect(await t.client.listMessages({})).toEqual([]);
  });
});
