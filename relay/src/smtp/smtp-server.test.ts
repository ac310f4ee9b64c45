import { connect } from 'node:net';
import type { Message } from '@otp-relay/shared';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';
import { createSelfSignedCert } from '../tls/self-signed-cert.ts';
import type { SmtpOptions } from './create-smtp-server.ts';

/*
 * The relay's SMTP server against the real nodemailer over real sockets: what an app under test does. Each
 * test starts its own relay with SMTP on a free port and reads what arrived over the relay's HTTP API.
 */

let t: TestRelay | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(smtp: Partial<SmtpOptions> = {}) {
  t = await startTestRelay({ smtp: { port: 0, ...smtp } });
  return t;
}

function transport(relay: TestRelay, options: Record<string, unknown> = {}) {
  const port = relay.relay.smtp?.port ?? 0;
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...options });
}

async function messages(relay: TestRelay, query = ''): Promise<Message[]> {
  const answer = await relay.api('GET', `/api/v1/messages?source=smtp${query}`);
  expect(answer.status).toBe(200);
  return answer.body.messages;
}

describe('SMTP server: what an app under test sends arrives in the inbox', () => {
  it('a text email: code from the subject, site from the From domain, kept for its recipient', async () => {
    const relay = await start();
    await transport(relay).sendMail({
      from: '"Example" <no-reply@accounts.example.com>',
      to: 'alice@test.example',
      subject: '482913 is your Example code',
      text: 'Use it to sign in. It expires in 10 minutes.',
    });
    const [message] = await messages(relay, '&to=alice@test.example');
    expect(message).toMatchObject({
      source: 'smtp',
      channel: 'email',
      from: 'no-reply@accounts.example.com',
      to: 'alice@test.example',
      subject: '482913 is your Example code',
      code: '482913',
      site: 'example.com',
      binding: 'email-domain',
      folder: 'inbox',
    });
    expect(message?.text).toContain('It expires in 10 minutes.');
  });

  it('an HTML-only email: the code is found in the text a reader sees', async () => {
    const relay = await start();
    await transport(relay).sendMail({
      from: 'security@shop.example.org',
      to: 'bob@test.example',
      subject: 'Verify your email',
      html: '<html><body><p>Your verification code is</p><p><b>730 114</b></p><a href="https://x.example/123456">x</a></body></html>',
    });
    const [message] = await messages(relay);
    expect(message?.code).toBe('730114');
    expect(message?.text).toMatch(/Your verification code is\s+730 114/);
    expect(message?.site).toBe('example.org');
  });

  it('every recipient (To, Cc, Bcc) gets the message in its own inbox', async () => {
    const relay = await start();
    const info = await transport(relay).sendMail({
      from: 'no-reply@example.com',
      to: ['one@test.example', 'two@test.example'],
      cc: 'three@test.example',
      bcc: 'four@test.example',
      subject: 'Code 551204',
      text: 'Your code is 551204.',
    });
    expect(info.accepted).toHaveLength(4);
    for (const to of ['one@test.example', 'two@test.example', 'three@test.example', 'four@test.example']) {
      const list = await messages(relay, `&to=${to}`);
      expect(list.map((m) => m.code)).toEqual(['551204']);
    }
  });

  it('the raw message is served exactly as sent (message/rfc822); unknown ids and other sources are 404', async () => {
    const relay = await start();
    const raw = [
      'From: no-reply@example.com',
      'To: raw@test.example',
      'Subject: =?UTF-8?Q?V=C3=A9rification?=',
      'Message-ID: <raw-1@example.com>',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Votre code : 902215 — valable 5 minutes.',
      '..a line that starts with a dot',
      '',
    ].join('\r\n');
    await transport(relay).sendMail({ envelope: { from: 'no-reply@example.com', to: ['raw@test.example'] }, raw });
    const [message] = await messages(relay);
    expect(message?.code).toBe('902215');
    expect(message?.subject).toBe('Vérification');
    const response = await fetch(`${relay.relay.url}/api/v1/messages/${message?.id}/raw`, {
      headers: { authorization: `Bearer ${relay.relay.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^message\/rfc822/);
    expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe(raw);

    const unknown = await relay.api('GET', '/api/v1/messages/MS_nope/raw');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(unknown.body.code).toBe('message_not_found');
    const inbound = await relay.client.postInbound({ channel: 'sms', from: 'Example', text: 'Code 123456' });
    expect((await relay.api('GET', `/api/v1/messages/${inbound.id}/raw`)).status).toBe(404);
    expect((await fetch(`${relay.relay.url}/api/v1/messages/${message?.id}/raw`)).status).toBe(401);
  });
});

describe('SMTP server: AUTH, STARTTLS and size', () => {
  it('AUTH "any" accepts every login', async () => {
    const relay = await start({ auth: 'any' });
    await transport(relay, { auth: { user: 'whoever', pass: 'whatever' } }).sendMail({
      from: 'a@example.com',
      to: 'auth@test.example',
      text: 'Code 314159',
    });
    expect((await messages(relay)).map((m) => m.code)).toEqual(['314159']);
  });

  it('configured credentials: the right ones deliver, wrong ones get 535, none get 530', async () => {
    const relay = await start({ auth: { user: 'app', pass: 's3cret' } });
    const mail = { from: 'a@example.com', to: 'auth@test.example', text: 'Code 271828' };
    await expect(transport(relay, { auth: { user: 'app', pass: 'wrong' } }).sendMail(mail)).rejects.toMatchObject({
      responseCode: 535,
    });
    await expect(transport(relay).sendMail(mail)).rejects.toMatchObject({ responseCode: 530 });
    expect(await messages(relay)).toEqual([]);
    await transport(relay, { auth: { user: 'app', pass: 's3cret' } }).sendMail(mail);
    expect((await messages(relay)).map((m) => m.code)).toEqual(['271828']);
  });

  it('STARTTLS with a self-signed certificate: a client that requires TLS delivers over it', async () => {
    const relay = await start({ tls: await createSelfSignedCert(['127.0.0.1', 'localhost']) });
    const mail = { from: 'a@example.com', to: 'tls@test.example', text: 'Code 161803' };
    // A client that checks certificates fails on this one: proof that the session really went TLS.
    await expect(transport(relay, { ignoreTLS: false, requireTLS: true }).sendMail(mail)).rejects.toThrow(
      /self[- ]signed|certificate/i,
    );
    await transport(relay, { ignoreTLS: false, requireTLS: true, tls: { rejectUnauthorized: false } }).sendMail(mail);
    expect((await messages(relay)).map((m) => m.code)).toEqual(['161803']);
    // Without STARTTLS offered, a client that requires it cannot deliver.
    const plain = await startTestRelay({ smtp: { port: 0 } });
    try {
      await expect(
        transport(plain, { ignoreTLS: false, requireTLS: true }).sendMail({
          from: 'a@example.com',
          to: 'x@test.example',
          text: 'x',
        }),
      ).rejects.toThrow(/STARTTLS/);
    } finally {
      await plain.close();
    }
  });

  it('past 10 MiB the answer is 552, and the next message on the server still arrives', async () => {
    const relay = await start();
    const big = 'x'
      .repeat(76)
      .concat('\r\n')
      .repeat(Math.ceil((10.2 * 1024 * 1024) / 78));
    await expect(
      transport(relay).sendMail({ from: 'a@example.com', to: 'big@test.example', text: `Code 111222\r\n${big}` }),
    ).rejects.toMatchObject({ responseCode: 552 });
    await transport(relay).sendMail({ from: 'a@example.com', to: 'big@test.example', text: 'Code 333444' });
    expect((await messages(relay)).map((m) => m.code)).toEqual(['333444']);
  });
});

describe('SMTP chaos: the existing chaos rules, matched by recipient, sender and subject', () => {
  const mail = (over: Record<string, unknown> = {}) => ({
    from: 'no-reply@example.com',
    to: 'chaos@test.example',
    subject: 'Your code',
    text: 'Code 845120',
    ...over,
  });

  it.each([
    ['mail-from', 421, { from: 'no-reply@example.com' }],
    ['mail-from', 550, { from: 'NO-REPLY@example.com' }],
    ['rcpt-to', 450, { to: 'chaos@test.example' }],
    ['rcpt-to', 553, { to: 'chaos@test.example', from: 'no-reply@example.com' }],
    ['data', 451, { subject: 'your CODE' }],
    ['data', 554, { to: 'chaos@test.example' }],
  ] as const)('reject at %s with %i', async (stage, smtpCode, match) => {
    const relay = await start();
    await relay.client.setChaos([{ match, action: 'reject', stage, smtpCode, times: 1 }]);
    await expect(transport(relay).sendMail(mail())).rejects.toMatchObject({ responseCode: smtpCode });
    expect(await messages(relay)).toEqual([]);
    // Used up (times: 1): the retry goes through.
    await transport(relay).sendMail(mail());
    expect((await messages(relay)).map((m) => m.code)).toEqual(['845120']);
  });

  it('a rule for another sender, recipient or subject leaves the message alone', async () => {
    const relay = await start();
    await relay.client.setChaos([
      { match: { from: 'other@example.com' }, action: 'reject', stage: 'mail-from', smtpCode: 550 },
      { match: { to: 'other@test.example' }, action: 'drop' },
      { match: { subject: 'invoice' }, action: 'reject', smtpCode: 554 },
    ]);
    await transport(relay).sendMail(mail());
    expect(await messages(relay)).toHaveLength(1);
  });

  it('delay holds back the answer to DATA, then delivers', async () => {
    const relay = await start();
    await relay.client.setChaos([{ match: { to: 'chaos@test.example' }, action: 'delay', delayMs: 400 }]);
    const sent = Date.now();
    const sending = transport(relay).sendMail(mail());
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await messages(relay)).toEqual([]);
    await sending;
    expect(Date.now() - sent).toBeGreaterThanOrEqual(390);
    expect(await messages(relay)).toHaveLength(1);
  });

  it('drop accepts the message (250) and loses it; spam delivers it to the spam folder', async () => {
    const relay = await start();
    await relay.client.setChaos([
      { match: { to: 'lost@test.example' }, action: 'drop' },
      { match: { subject: 'newsletter' }, action: 'spam' },
    ]);
    const dropped = await transport(relay).sendMail(mail({ to: 'lost@test.example' }));
    expect(dropped.response).toMatch(/^250/);
    await transport(relay).sendMail(mail({ subject: 'Newsletter and code' }));
    const list = await messages(relay);
    expect(list.map((m) => [m.to, m.folder])).toEqual([['chaos@test.example', 'spam']]);
  });

  it('a drop for one recipient keeps the message for the others', async () => {
    const relay = await start();
    await relay.client.setChaos([{ match: { to: 'lost@test.example' }, action: 'drop' }]);
    await transport(relay).sendMail(mail({ to: ['lost@test.example', 'kept@test.example'] }));
    expect((await messages(relay)).map((m) => m.to)).toEqual(['kept@test.example']);
  });

  it('rules the schema cannot evaluate are a 400 naming the field', async () => {
    const relay = await start();
    for (const [rule, path] of [
      [{ action: 'reject' }, 'smtpCode'],
      [{ action: 'reject', smtpCode: 250 }, 'smtpCode'],
      [{ action: 'drop', smtpCode: 550 }, 'smtpCode'],
      [{ action: 'reject', smtpCode: 550, stage: 'mail-from', match: { to: 'a@b.c' } }, 'match.to'],
      [{ action: 'reject', smtpCode: 550, stage: 'rcpt-to', match: { subject: 'x' } }, 'match.subject'],
    ] as const) {
      const answer = await relay.api('PUT', '/api/v1/chaos', { rules: [rule] });
      expect(answer.status, JSON.stringify(rule)).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(path.split('.').at(-1));
    }
  });
});

/** A hand-written SMTP dialogue, for what no well-behaved client sends: each line waits for the answer before. */
async function dialogue(port: number, lines: (string | Buffer)[]): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  let seen = 0;
  let wake: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString('latin1');
    wake?.();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.once('error', () => undefined);
  // A reply is complete at a line "NNN text" (not "NNN-text", a continuation).
  const reply = () =>
    new Promise<void>((resolve) => {
      const check = () => {
        const replies = answer.match(/^\d{3} .*$/gm)?.length ?? 0;
        if (replies > seen) {
          seen = replies;
          wake = undefined;
          resolve();
        } else wake = check;
      };
      check();
    });
  await reply();
  for (const line of lines) {
    if (socket.destroyed) break;
    socket.write(line);
    await Promise.race([reply(), closed]);
  }
  socket.end();
  await closed;
  return answer;
}

describe('SMTP server: bad input gets a clear answer or is stored as best parsed', () => {
  it('malformed MIME and 8-bit garbage are stored as best parsed; the next message is unaffected', async () => {
    const relay = await start();
    const port = relay.relay.smtp?.port ?? 0;
    const garbage = Buffer.concat([
      Buffer.from(
        'From: broken@example.com\r\nSubject: Code 640213\r\nContent-Type: multipart/mixed; boundary="\r\n\r\n--\r\n',
      ),
      Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x0d, 0x0a]),
      Buffer.from('\r\n.\r\n'),
    ]);
    const answer = await dialogue(port, [
      'EHLO test\r\n',
      'MAIL FROM:<broken@example.com>\r\n',
      'RCPT TO:<garbage@test.example>\r\n',
      'DATA\r\n',
      garbage,
      'QUIT\r\n',
    ]);
    expect(answer).toMatch(/^250 .*delivered to 1 of 1/m);
    const [message] = await messages(relay);
    expect(message?.to).toBe('garbage@test.example');
    await transport(relay).sendMail({ from: 'a@example.com', to: 'next@test.example', text: 'Code 777888' });
    expect((await messages(relay, '&to=next@test.example')).map((m) => m.code)).toEqual(['777888']);
  });

  it('huge headers are refused or stored, never a crash', async () => {
    const relay = await start();
    const port = relay.relay.smtp?.port ?? 0;
    const header = `X-Huge: ${'a'.repeat(900)}\r\n`.repeat(4000);
    const answer = await dialogue(port, [
      'EHLO test\r\n',
      'MAIL FROM:<a@example.com>\r\n',
      'RCPT TO:<huge@test.example>\r\n',
      'DATA\r\n',
      `From: a@example.com\r\n${header}Subject: Code 909090\r\n\r\nCode 909090\r\n.\r\n`,
      'QUIT\r\n',
    ]);
    expect(answer).toMatch(/^250 .*delivered/m);
    expect(await messages(relay)).toHaveLength(1);
    expect((await relay.api('GET', '/healthz')).status).toBe(200);
  });

  it('thousands of recipients: the first 100 are taken, the rest get 452, and the 100 get the message', async () => {
    const relay = await start();
    const to = Array.from({ length: 2000 }, (_, i) => `r${i}@test.example`);
    const info = await transport(relay).sendMail({ from: 'a@example.com', to, text: 'Code 123987' });
    expect(info.accepted).toHaveLength(100);
    expect(info.rejected).toHaveLength(1900);
    expect(info.rejectedErrors?.[0]?.responseCode).toBe(452);
    expect(await messages(relay, '&limit=500')).toHaveLength(100);
  });

  it('a command line that is not SMTP gets an error answer, not a dropped server', async () => {
    const relay = await start();
    const port = relay.relay.smtp?.port ?? 0;
    const answer = await dialogue(port, ['\u0000\u0001GARBAGE \u00ff\r\n', 'RCPT TO:<x@y.z>\r\n', 'QUIT\r\n']);
    expect(answer).toMatch(/^5\d\d /m);
    await transport(relay).sendMail({ from: 'a@example.com', to: 'after@test.example', text: 'Code 565656' });
    expect(await messages(relay)).toHaveLength(1);
  });
});
