import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedToken, spawnCli, startCli, tempDir } from '../../test-kit/cli-test-kit.ts';
import { type Dovecot, startDovecot } from '../../test-kit/dovecot.ts';

/* `otp-relay mailbox add|list|remove` and `otp-relay status`, as a seller runs them, against a real Dovecot. */

let dovecot: Dovecot;
beforeAll(async () => {
  dovecot = await startDovecot();
}, 60_000);
afterAll(async () => {
  await dovecot?.stop();
});

describe('otp-relay mailbox and status', () => {
  it('add stores it 0600 (secret from the env, never printed), the relay watches it, status says so; remove forgets it', async () => {
    const configDir = tempDir();
    const env = { OTP_RELAY_CONFIG_DIR: configDir, OTP_RELAY_MAILBOX_PASSWORD: dovecot.password };
    const url = `imap://${dovecot.user}@127.0.0.1:${dovecot.port}`;
    const add = spawnCli(['mailbox', 'add', url], { env });
    expect((await add.exited).code).toBe(0);
    expect(add.stdout()).toContain(`seller@127.0.0.1:${dovecot.port}`);
    expect(statSync(join(configDir, 'mailboxes.json')).mode & 0o777).toBe(0o600);

    const list = spawnCli(['mailbox', 'list'], { env });
    await list.exited;
    expect(list.stdout()).toContain(
      `seller@127.0.0.1:${dovecot.port}  imap://127.0.0.1:${dovecot.port}/INBOX  password`,
    );
    expect(list.stdout() + add.stdout()).not.toContain(dovecot.password);

    const relay = await startCli(['--port', '0'], { env: { OTP_RELAY_CONFIG_DIR: configDir } });
    const token = printedToken(relay.stdout());
    // Six CLI processes, each compiled by tsx at start: on a loaded 2-core box that alone can take most of a minute.
    for (let i = 0; i < 300; i += 1) {
      const answer = await fetch(`${relay.url}/api/v1/mailboxes`, { headers: { authorization: `Bearer ${token}` } });
      if (JSON.stringify(await answer.json()).includes('"watched"')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const status = spawnCli(['status', '--url', relay.url], { env: { OTP_RELAY_CONFIG_DIR: configDir } });
    expect((await status.exited).code).toBe(0);
    const line = status.stdout();
    expect(line).toMatch(
      new RegExp(`^relay ${relay.url}: running\\nmailbox seller@127\\.0\\.0\\.1:${dovecot.port}: watched since `),
    );
    expect(relay.stdout() + relay.stderr()).not.toContain(dovecot.password);
    relay.child.kill('SIGTERM');
    expect((await relay.exited).code).toBe(0);

    const down = spawnCli(['status', '--url', relay.url], { env: { OTP_RELAY_CONFIG_DIR: configDir } });
    expect((await down.exited).code).toBe(1);
    expect(down.stdout()).toContain(': not watched (relay not running)');

    const remove = spawnCli(['mailbox', 'remove', `seller@127.0.0.1:${dovecot.port}`], { env });
    expect((await remove.exited).code).toBe(0);
    const empty = spawnCli(['mailbox', 'list'], { env });
    await empty.exited;
    expect(empty.stdout()).toMatch(/^No mailboxes/);
  }, 150_000);

  it.each([
    [['mailbox', 'add', 'https://user@x.example'], /starts with imaps:\/\//],
    [['mailbox', 'add', 'imaps://imap.example.com'], /names no user/],
    [['mailbox', 'add', 'imaps://u:pw@imap.example.com'], /put no password in the URL/],
    [['mailbox', 'add'], /exactly one mailbox URL/],
  ])('%j is a usage error', async (args, message) => {
    const run = spawnCli(args, { env: { OTP_RELAY_MAILBOX_PASSWORD: 'x' } });
    expect((await run.exited).code).toBe(2);
    expect(run.stderr()).toMatch(message);
  });
});
