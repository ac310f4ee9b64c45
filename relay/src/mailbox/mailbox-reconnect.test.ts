import type { Message } from '@otp-relay/shared';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dovecot, startDovecot } from '../../test-kit/dovecot.ts';
import { startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';

/*
 * The watched mailbox when its IMAP server goes away and comes back: a real Dovecot stopped (its process
 * ended, the mail kept) and started again on the same port. The watcher must say so (reconnecting, then
 * watched) and pick up mail appended after the restart, also mail appended before it got back in.
 */

let dovecot: Dovecot;
let t: TestRelay;

const email = (subject: string, body: string) =>
  ['From: no-reply@example.com', `Subject: ${subject}`, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join(
    '\r\n',
  );

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${dovecot.log().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** APPENDs one message over a fresh IMAP connection, as a delivering server would. */
async function append(subject: string, body: string): Promise<void> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await client.connect();
  try {
    await client.append('INBOX', email(subject, body));
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** What `otp-relay status` reads: the mailbox's state over the API. */
async function state(): Promise<string> {
  const answer = await t.api('GET', '/api/v1/mailboxes');
  return (answer.body.mailboxes as { state: string }[])[0]?.state ?? 'none';
}

const codeArrived = (code: string) => async () =>
  ((await t.client.listMessages({ source: 'imap' })) as Message[]).find((m) => m.code === code);

beforeAll(async () => {
  dovecot = await startDovecot();
  t = await startTestRelay({
    mailboxes: [
      {
        id: `seller@127.0.0.1:${dovecot.port}`,
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        user: dovecot.user,
        auth: { pass: dovecot.password },
        folder: 'INBOX',
      },
    ],
    mailboxBackoff: { baseMs: 100, capMs: 400 },
  });
  await waitFor(async () => ((await state()) === 'watched' ? true : undefined), 10_000, 'watched');
}, 60_000);

afterAll(async () => {
  await t?.close();
  await dovecot?.stop();
});

describe('a watched mailbox whose IMAP server restarts (real Dovecot)', () => {
  it('shows reconnecting while the server is down, watched again after, and mail appended after the restart arrives', async () => {
    await append('Before', 'Your code is 314159.');
    await waitFor(codeArrived('314159'), 5000, 'the first code');

    await dovecot.stopServer();
    await waitFor(async () => ((await state()) === 'reconnecting' ? true : undefined), 10_000, 'reconnecting');
    // It keeps trying (and saying so) while nothing answers.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await state()).toBe('reconnecting');

    await dovecot.startAgain();
    // Appended at once: most likely before the watcher is back in, which must not lose it.
    await append('Right after the restart', 'Your code is 271828.');
    await waitFor(async () => ((await state()) === 'watched' ? true : undefined), 10_000, 'watched again');
    await waitFor(codeArrived('271828'), 5000, 'the code appended right after the restart');

    await append('Later', 'Your code is 161803.');
    const later = await waitFor(codeArrived('161803'), 5000, 'the code appended once watched again');
    expect(later).toMatchObject({ source: 'imap', channel: 'email' });
    // Each message once: the reconnect fetched only what was new.
    const codes = ((await t.client.listMessages({ source: 'imap' })) as Message[]).map((m) => m.code).sort();
    expect(codes).toEqual(['161803', '271828', '314159']);
  }, 60_000);
});
