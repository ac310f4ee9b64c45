import type { Message } from '@otp-relay/shared';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dovecot, startDovecot } from '../../test-kit/dovecot.ts';
import { startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';
import type { MailboxConfig } from './mailbox-config.ts';

/*
 * The watched mailbox against a real Dovecot (Debian's dovecot-imapd, started here with a throwaway config;
 * no Dovecot is a failure, not a skip). Mail is APPENDed over IMAP by a second client, as a delivering server
 * would put it there; the relay must see it within a second and change nothing in the mailbox.
 */

let dovecot: Dovecot;
let t: TestRelay;
let appender: ImapFlow;

const mailbox = (over: Partial<MailboxConfig> = {}): MailboxConfig => ({
  id: `seller@127.0.0.1:${dovecot.port}`,
  host: '127.0.0.1',
  port: dovecot.port,
  secure: false,
  user: dovecot.user,
  auth: { pass: dovecot.password },
  folder: 'INBOX',
  ...over,
});

function email(headers: string[], body: string): string {
  return [...headers, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
}

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function imapMessages(): Promise<Message[]> {
  return (await t.client.listMessages({ source: 'imap' })) as Message[];
}

beforeAll(async () => {
  dovecot = await startDovecot();
  appender = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await appender.connect();
  // Mail from before the watch starts: never delivered.
  await appender.append('INBOX', email(['From: old@example.com', 'Subject: Code 101010'], 'Old code 101010'));
  t = await startTestRelay({ mailboxes: [mailbox()], mailboxBackoff: { baseMs: 50, capMs: 300 } });
  await waitFor(() => (t.relay.mailboxes[0]?.status().state === 'watched' ? true : undefined), 10_000);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await appender?.logout().catch(() => undefined);
  await dovecot?.stop();
});

describe('a watched mailbox (real Dovecot over IMAP)', () => {
  it('status says watched, over the API too', async () => {
    const answer = await t.api('GET', '/api/v1/mailboxes');
    expect(answer.body.mailboxes).toEqual([{ id: mailbox().id, state: 'watched', since: expect.any(String) }]);
  });

  it('a forged From without Authentication-Results: there within a second, code found, no site', async () => {
    const appended = Date.now();
    await appender.append(
      'INBOX',
      email(
        ['From: TikTok <no-reply@account.tiktok.com>', 'To: seller@example.com', 'Subject: Your code'],
        'Your TikTok code is 583920.',
      ),
    );
    const message = await waitFor(async () => (await imapMessages()).find((m) => m.code === '583920'), 1000);
    expect(Date.now() - appended).toBeLessThan(1000);
    expect(message).toMatchObject({
      source: 'imap',
      channel: 'email',
      site: null,
      binding: 'none',
      from: 'no-reply@account.tiktok.com',
    });
    // Mail from before the watch never came.
    expect((await imapMessages()).some((m) => m.code === '101010')).toBe(false);
  });

  it('with the receiving server’s Authentication-Results dkim=pass for the From domain, the site binds', async () => {
    await appender.append(
      'INBOX',
      email(
        [
          'Authentication-Results: mx.example.net; dkim=pass header.d=example.com header.s=k1; dmarc=pass header.from=example.com',
          'Received: from mail.example.com by mx.example.net',
          'From: no-reply@example.com',
          'Subject: Sign-in code',
        ],
        'Your sign-in code is 640117.',
      ),
    );
    const message = await waitFor(async () => (await imapMessages()).find((m) => m.code === '640117'), 1000);
    expect(message).toMatchObject({ site: 'example.com', binding: 'email-domain' });
  });

  it('a pass for another domain, or a forged pass below the receiver’s own header, binds nothing', async () => {
    await appender.append(
      'INBOX',
      email(
        [
          'Authentication-Results: mx.example.net; dkim=pass header.d=attacker.example; dmarc=fail header.from=bank.example',
          'Received: from attacker.example by mx.example.net',
          'Authentication-Results: mx.example.net; dkim=pass header.d=bank.example; dmarc=pass header.from=bank.example',
          'From: security@bank.example',
          'Subject: Code',
        ],
        'Your bank code is 918273.',
      ),
    );
    const message = await waitFor(async () => (await imapMessages()).find((m) => m.code === '918273'), 1000);
    expect(message).toMatchObject({ site: null, binding: 'none' });
  });

  it('read-only: nothing was marked read, moved or deleted, and the raw message is served', async () => {
    const lock = await appender.getMailboxLock('INBOX');
    try {
      const all = await appender.fetchAll('1:*', { uid: true, flags: true });
      expect(all).toHaveLength(4);
      for (const message of all) expect([...(message.flags ?? [])]).not.toContain('\\Seen');
    } finally {
      lock.release();
    }
    const [latest] = await imapMessages();
    const raw = await fetch(`${t.relay.url}/api/v1/messages/${latest?.id}/raw`, {
      headers: { authorization: `Bearer ${t.relay.token}` },
    });
    expect(raw.headers.get('content-type')).toMatch(/^message\/rfc822/);
    expect(await raw.text()).toContain('Your bank code is 918273.');
  });

  it('a wrong password shows as auth failed', async () => {
    const wrong = await startTestRelay({
      mailboxes: [mailbox({ auth: { pass: 'wrong' } })],
      mailboxBackoff: { baseMs: 50, capMs: 200 },
    });
    try {
      await waitFor(() => (wrong.relay.mailboxes[0]?.status().state === 'auth failed' ? true : undefined), 10_000);
    } finally {
      await wrong.close();
    }
  });
});
