import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { PHONE, startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';
import { TWILIO_TEST_ACCOUNT_SID, TWILIO_TEST_AUTH_TOKEN } from './create-twilio.ts';
import { RelayRequestClient } from './relay-request-client.ts';

let t: TestRelay;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await t?.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start() {
  t = await startTestRelay({ testClock: true });
  return twilio(TWILIO_TEST_ACCOUNT_SID, TWILIO_TEST_AUTH_TOKEN, { httpClient: new RelayRequestClient(t.relay.url) });
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { status, code, message } = error as { status: number; code: number; message: string };
    return { status, code, message };
  }
  throw new Error('expected the SDK call to fail');
}

/** A loopback status-callback receiver, as an app under test runs one. */
async function callbackServer() {
  const posts: Record<string, string>[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      posts.push(Object.fromEntries(new URLSearchParams(body)));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`, posts };
}

describe('Twilio Programmable Messaging through the official SDK', () => {
  it('Messages.json: the SMS lands in the inbox with its code found, statuses are posted back, fetch and list work', async () => {
    const client = await start();
    const callback = await callbackServer();
    const sent = await client.messages.create({
      to: PHONE,
      from: '+15005550006',
      body: 'Your Acme code is 739201. It expires in 10 minutes.\n\n@shop.example.com #739201',
      statusCallback: callback.url,
    });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent).toMatchObject({
      accountSid: TWILIO_TEST_ACCOUNT_SID,
      to: PHONE,
      from: '+15005550006',
      status: 'queued',
      direction: 'outbound-api',
    });
    expect(sent.dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(sent.dateCreated.getTime())).toBe(false);

    const message = await t.client.waitForMessage({ to: PHONE, source: 'twilio' });
    expect(message).toMatchObject({
      source: 'twilio',
      from: '+15005550006',
      code: '739201',
      binding: 'origin-bound-line',
      site: 'example.com',
    });

    await expect.poll(() => callback.posts.map((p) => p.MessageStatus)).toEqual(['sent', 'delivered']);
    expect(callback.posts[0]).toMatchObject({ MessageSid: sent.sid, AccountSid: TWILIO_TEST_ACCOUNT_SID, To: PHONE });

    expect((await client.messages(sent.sid).fetch()).status).toBe('delivered');
    await client.messages.create({ to: '+14155550124', messagingServiceSid: `MG${'a'.repeat(32)}`, body: 'Hello' });
    expect((await client.messages.list({ to: PHONE })).map((m) => m.sid)).toEqual([sent.sid]);
    expect(await client.messages.list({ limit: 10 })).toHaveLength(2);
    expect(await failure(client.messages(`SM${'0'.repeat(32)}`).fetch())).toMatchObject({ status: 404, code: 20404 });
  });

  it('refuses what Twilio refuses, with its codes: 21211, 21604, 21603, 21602, 21609; a chaos failure is status failed', async () => {
    const client = await start();
    expect(await failure(client.messages.create({ to: '555', from: '+15005550006', body: 'x' }))).toMatchObject({
      status: 400,
      code: 21211,
    });
    expect(await failure(client.messages.create({ to: '', from: '+15005550006', body: 'x' }))).toMatchObject({
      status: 400,
      code: 21604,
    });
    expect(await failure(client.messages.create({ to: PHONE, body: 'x' }))).toMatchObject({ status: 400, code: 21603 });
    expect(await failure(client.messages.create({ to: PHONE, from: '+15005550006', body: '' }))).toMatchObject({
      status: 400,
      code: 21602,
    });
    expect(
      await failure(
        client.messages.create({
          to: PHONE,
          from: '+15005550006',
          body: 'x',
          statusCallback: 'https://example.com/hook',
        }),
      ),
    ).toMatchObject({ status: 400, code: 21609 });

    await t.client.setChaos([{ match: { to: PHONE }, action: 'fail' }]);
    const failed = await client.messages.create({ to: PHONE, from: '+15005550006', body: 'Code 123456' });
    await expect.poll(async () => (await client.messages(failed.sid).fetch()).status).toBe('failed');
    expect(await t.client.listMessages({ to: PHONE })).toEqual([]);

    await t.client.setChaos([{ match: { to: '+14155550124' }, action: 'delay', delayMs: 4000 }]);
    const late = await client.messages.create({ to: '+14155550124', from: '+15005550006', body: 'Code 654321' });
    await expect.poll(async () => (await client.messages(late.sid).fetch()).status).toBe('sent');
    expect(await t.client.listMessages({ to: '+14155550124' })).toEqual([]);
    await t.client.advanceClock(4000);
    expect((await client.messages(late.sid).fetch()).status).toBe('delivered');
    expect((await t.client.listMessages({ to: '+14155550124' })).map((m) => m.code)).toEqual(['654321']);

    // Another account's path is not this one's.
    const other = twilio(`AC${'1'.repeat(32)}`, TWILIO_TEST_AUTH_TOKEN, {
      httpClient: new RelayRequestClient(t.relay.url),
    });
    expect(await failure(other.messages.list())).toMatchObject({ status: 401, code: 20003 });
  });

  it('the RelayRequestClient rewrites every Twilio host, edges and regions included, and leaves others alone', async () => {
    const rewrite = new RelayRequestClient('http://127.0.0.1:8787/ignored');
    expect(rewrite.rewrite('https://verify.twilio.com/v2/Services?PageSize=1')).toBe(
      'http://127.0.0.1:8787/twilio/v2/Services?PageSize=1',
    );
    expect(rewrite.rewrite('https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC1/Messages.json')).toBe(
      'http://127.0.0.1:8787/twilio/2010-04-01/Accounts/AC1/Messages.json',
    );
    expect(rewrite.rewrite('https://example.com/x')).toBe('https://example.com/x');
  });
});
