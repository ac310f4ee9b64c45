import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INBOUND_MAX_BODY_BYTES, LIMITS, MessageSchema } from '@otp-relay/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { openStream, smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';
import { openConfigStore } from './config/config-store.ts';

let t: TestRelay;
afterEach(() => t?.close());

const TIKTOK_SMS = {
  channel: 'sms',
  from: 'TikTok',
  to: '+14155550123',
  text: '[TikTok] 482913 is your verification code, valid for 5 minutes. To keep your account safe, never forward this code.',
};

const post = (body: unknown, headers?: Record<string, string>) => t.api('POST', '/api/v1/inbound', body, headers);

describe('POST /api/v1/inbound', () => {
  it('stores the message with the code, site and binding it found, and answers 201 with it', async () => {
    t = await startTestRelay({ testClock: true });
    const answer = await post(TIKTOK_SMS);
    expect(answer.status).toBe(201);
    const message = MessageSchema.parse(answer.body);
    expect(message).toMatchObject({
      source: 'inbound',
      channel: 'sms',
      from: 'TikTok',
      to: '+14155550123',
      text: TIKTOK_SMS.text,
      code: '482913',
      site: 'tiktok.com',
      binding: 'sender-rule',
      folder: 'inbox',
    });
    expect(message.createdAt).toBe(message.receivedAt);
    // "valid for 5 minutes" in the message's own words.
    expect(Date.parse(message.expiresAt) - Date.parse(message.receivedAt)).toBe(5 * 60_000);
    expect(message.verificationId).toBeUndefined();
    expect(message.origin).toBeUndefined();
    expect(await t.client.listMessages()).toEqual([message]);
  });

  it('binds by the origin-bound last line and by the email From domain; an HTML-only email gets its visible text', async () => {
    t = await startTestRelay();
    const line = await post({
      channel: 'sms',
      from: '+14155550000',
      text: 'Your code is 771204\n\n@seller-us.tiktok.com #771204',
    });
    expect(line.body).toMatchObject({ code: '771204', site: 'tiktok.com', binding: 'origin-bound-line' });
    const email = await post({
      channel: 'email',
      from: 'no-reply@shop.tiktok.com',
      subject: 'Your verification code',
      html: '<p>Your verification code is <b>385021</b>.</p>',
    });
    expect(email.status).toBe(201);
    expect(email.body).toMatchObject({
      code: '385021',
      site: 'tiktok.com',
      binding: 'email-domain',
      subject: 'Your verification code',
      text: 'Your verification code is 385021.',
    });
    expect(email.body.to).toBeUndefined();
  });

  it('stores and lists a message without a code (site null, binding none), expiring after the default 10 minutes', async () => {
    t = await startTestRelay({ testClock: true });
    const answer = await post({
      channel: 'sms',
      from: '+14155550000',
      text: 'Your order #88231 has shipped. Reply STOP to 89203',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ code: null, site: null, binding: 'none' });
    expect(Date.parse(answer.body.expiresAt) - Date.parse(answer.body.receivedAt)).toBe(
      LIMITS.ttlSeconds.default * 1000,
    );
    expect((await t.client.listMessages({ source: 'inbound' })).map((m) => m.id)).toEqual([answer.body.id]);
  });

  it('stores the same message posted twice within a minute once: 200 with the first; a minute later it is new', async () => {
    t = await startTestRelay({ testClock: true });
    const first = await post(TIKTOK_SMS);
    await t.client.advanceClock(59_000);
    const again = await post(TIKTOK_SMS);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await t.client.listMessages()).toHaveLength(1);
    // Different words are a different message, even from the same sender.
    const other = await post({ ...TIKTOK_SMS, text: `${TIKTOK_SMS.text} ` });
    expect(other.status).toBe(201);
    await t.client.advanceClock(1_001);
    const later = await post(TIKTOK_SMS);
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
  });

  it.each([
    [{ ...TIKTOK_SMS, from: undefined }, 'from'],
    [{ ...TIKTOK_SMS, from: 'Tik\u202eTok' }, 'from'],
    [{ ...TIKTOK_SMS, from: 'TikTok\u200b' }, 'from'],
    [{ ...TIKTOK_SMS, channel: 'fax' }, 'channel'],
    [{ channel: 'sms', from: 'TikTok' }, 'text'],
    [{ channel: 'sms', from: 'TikTok', text: '   ', html: '' }, 'text'],
    [{ ...TIKTOK_SMS, receivedAt: 'yesterday' }, 'receivedAt'],
    [{ ...TIKTOK_SMS, code: '123456' }, 'code'],
  ])('refuses bad input with 400 naming the field, and stores nothing (%#)', async (body, field) => {
    t = await startTestRelay();
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('validation_failed');
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await t.client.listMessages()).toEqual([]);
  });

  it('takes bodies up to 256 KiB on this route only: 413 past it, and 16 KiB still elsewhere', async () => {
    t = await startTestRelay();
    const big = `Your code is 903114.\n${'x'.repeat(200 * 1024)}`;
    const accepted = await post({ channel: 'email', from: 'no-reply@shop.tiktok.com', text: big });
    expect(accepted.status).toBe(201);
    const tooBig = await post({ channel: 'email', from: 'a@b.example', text: 'y'.repeat(INBOUND_MAX_BODY_BYTES) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ code: 'payload_too_large' });
    expect(tooBig.body.detail).toContain('256 KiB');
    const elsewhere = await t.api('POST', '/api/v1/verifications', smsRequest({ filler: 'z'.repeat(20 * 1024) }));
    expect(elsewhere.status).toBe(413);
    expect(await t.client.listMessages()).toHaveLength(1);
  });

  it('needs the token', async () => {
    t = await startTestRelay();
    const answer = await post(TIKTOK_SMS, { authorization: 'Bearer wrong-token-wrong-token-wrong-token' });
    expect(answer.status).toBe(401);
    expect((await t.api('POST', '/api/v1/inbound', TIKTOK_SMS, { authorization: '' })).status).toBe(401);
    expect(await t.client.listMessages()).toEqual([]);
  });

  it('reaches a waiting long poll, the stream and the latest, and filters still apply', async () => {
    t = await startTestRelay();
    const stream = await openStream(t.relay);
    const waiting = t.api('GET', '/api/v1/messages/latest?source=inbound&wait=10');
    const waitingForOther = t.api('GET', '/api/v1/messages/latest?to=%2B10000000000&wait=1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const posted = await post(TIKTOK_SMS);
    const released = await waiting;
    expect(released.status).toBe(200);
    expect(released.body).toEqual(posted.body);
    expect((await waitingForOther).status).toBe(404);
    const event = await stream.next((e) => e.type === 'message');
    expect(event.data).toEqual(posted.body);
    expect((await t.api('GET', '/api/v1/messages/latest?to=%2B14155550123')).body).toEqual(posted.body);
    expect(await t.client.listMessages({ source: 'relay' })).toEqual([]);
    expect(await t.client.listMessages({ purpose: 'login' })).toEqual([]);
    expect((await t.client.waitForMessage({ source: 'inbound', timeoutMs: 1000 })).id).toBe(posted.body.id);
    stream.ws.close();
  });

  it('lists inbound and relay-issued messages together, newest first', async () => {
    t = await startTestRelay({ testClock: true });
    await t.client.createVerification(smsRequest());
    await t.client.advanceClock(1);
    await post(TIKTOK_SMS);
    const all = await t.client.listMessages();
    expect(all.map((m) => m.source)).toEqual(['inbound', 'relay']);
    expect(all[1]).toMatchObject({ binding: 'issuer', site: '127.0.0.1', origin: 'http://127.0.0.1:8787' });
  });

  it('expires on its own deadline: leaves the inbox with an expired event naming it', async () => {
    t = await startTestRelay({ testClock: true });
    const stream = await openStream(t.relay);
    const posted = await post(TIKTOK_SMS);
    await t.client.advanceClock(5 * 60_000 - 1);
    expect(await t.client.listMessages()).toHaveLength(1);
    await t.client.advanceClock(1);
    const expired = await stream.next((e) => e.type === 'expired');
    expect(expired.data).toEqual({ messageIds: [posted.body.id] });
    expect(await t.client.listMessages()).toEqual([]);
    expect((await t.api('GET', '/api/v1/messages/latest')).status).toBe(404);
    stream.ws.close();
  });

  it('expires on the real clock too, by the scheduler', async () => {
    t = await startTestRelay();
    const stream = await openStream(t.relay);
    const receivedAt = new Date(Date.now() - 5 * 60_000 + 500).toISOString();
    const posted = await post({ ...TIKTOK_SMS, receivedAt });
    expect(posted.status).toBe(201);
    const expired = await stream.next((e) => e.type === 'expired', 3000);
    expect(expired.data).toEqual({ messageIds: [posted.body.id] });
    expect(await t.client.listMessages()).toEqual([]);
    stream.ws.close();
  });

  it('keeps at most the cap of live inbound messages: the oldest leaves first, with an expired event', async () => {
    t = await startTestRelay({ testClock: true, maxStoredMessages: 2 });
    const stream = await openStream(t.relay);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await post({ ...TIKTOK_SMS, text: `${TIKTOK_SMS.text} #${i}` })).body.id);
      await t.client.advanceClock(1);
    }
    expect((await t.client.listMessages()).map((m) => m.id)).toEqual([ids[2], ids[1]]);
    expect((await stream.next((e) => e.type === 'expired')).data).toEqual({ messageIds: [ids[0]] });
    stream.ws.close();
  });

  it('is forgotten by reset, duplicates included', async () => {
    t = await startTestRelay({ testClock: true });
    await post(TIKTOK_SMS);
    await t.client.reset();
    expect(await t.client.listMessages()).toEqual([]);
    expect((await post(TIKTOK_SMS)).status).toBe(201);
  });
});

describe('GET/PUT /api/v1/sender-rules', () => {
  it('lists the built-in rules beside the seller’s own, which bind messages and are checked first', async () => {
    t = await startTestRelay();
    const initial = await t.client.senderRules();
    expect(initial.rules).toEqual([]);
    expect(initial.builtIn).toContainEqual({ channel: 'sms', from: 'tiktok', site: 'tiktok.com' });

    const before = await post({ channel: 'sms', from: 'MyShop', text: 'MyShop: your login code is 559123' });
    expect(before.body).toMatchObject({ code: '559123', site: null, binding: 'none' });

    const put = await t.api('PUT', '/api/v1/sender-rules', {
      rules: [{ channel: 'sms', from: 'MyShop', site: 'myshop.com' }],
    });
    expect(put.status).toBe(200);
    expect(put.body.rules).toEqual([{ channel: 'sms', from: 'myshop', site: 'myshop.com' }]);
    expect((await t.client.senderRules()).rules).toEqual(put.body.rules);

    const after = await post({ channel: 'sms', from: 'MyShop', text: 'MyShop: your login code is 559124' });
    expect(after.body).toMatchObject({ code: '559124', site: 'myshop.com', binding: 'sender-rule' });
  });

  it.each([
    [{ rules: [{ channel: 'sms', from: 'MyShop', site: 'co.uk' }] }, 'rules.0.site'],
    [{ rules: [{ channel: 'email', from: 'not a domain', site: 'myshop.com' }] }, 'rules.0.from'],
    [{ rules: [{ channel: 'sms', from: 'MyShop', site: 'myshop.com', note: 'x' }] }, 'rules.0.note'],
    [{ rules: [{ channel: 'pager', from: 'MyShop', site: 'myshop.com' }] }, 'rules.0.channel'],
    [{}, 'rules'],
  ])('refuses bad rules with 400 naming the field and keeps the old ones (%#)', async (body, field) => {
    t = await startTestRelay();
    await t.client.setSenderRules([{ channel: 'sms', from: 'Keep', site: 'keep.com' }]);
    const answer = await t.api('PUT', '/api/v1/sender-rules', body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await t.client.senderRules()).rules).toEqual([{ channel: 'sms', from: 'keep', site: 'keep.com' }]);
  });

  it('keeps the seller’s rules in the config directory across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otp-relay-rules-'));
    try {
      t = await startTestRelay({ configStore: await openConfigStore(dir) });
      await t.client.setSenderRules([{ channel: 'email', from: 'mail.myshop.com', site: 'myshop.com' }]);
      await t.close();
      t = await startTestRelay({ configStore: await openConfigStore(dir) });
      expect((await t.client.senderRules()).rules).toEqual([
        { channel: 'email', from: 'mail.myshop.com', site: 'myshop.com' },
      ]);
    } finally {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('OpenAPI', () => {
  it('documents /inbound (201, and 200 for a duplicate) and /sender-rules', async () => {
    t = await startTestRelay();
    const doc = (await t.api('GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/v1/inbound'].post.responses)).toEqual(expect.arrayContaining(['201', '200']));
    expect(doc.paths['/api/v1/inbound'].post.requestBody.content['application/json'].schema.properties).toHaveProperty(
      'html',
    );
    expect(Object.keys(doc.paths['/api/v1/sender-rules'])).toEqual(['get', 'put']);
  });
});
