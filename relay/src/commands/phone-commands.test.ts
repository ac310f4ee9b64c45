import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCli, startCli } from '../../test-kit/cli-test-kit.ts';
import { startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';
import { openConfigStore } from '../config/config-store.ts';
import { TOKEN_FILE } from '../config/token-store.ts';
import { createStdioSinks } from '../stdio-sink.ts';
import { runCli } from './run-cli.ts';

let t: TestRelay | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  t = undefined;
  dir = undefined;
});

function io() {
  const text = { out: '', err: '' };
  const stream = (key: 'out' | 'err') =>
    new Writable({
      write(chunk, _encoding, done) {
        text[key] += String(chunk);
        done();
      },
    });
  const { out, err } = createStdioSinks(stream('out'), stream('err'));
  return { text, io: { out, err, env: {}, stdin: process.stdin, stdoutIsTTY: false, stderrIsTTY: false } };
}

describe('otp-relay phone add | list | remove, against the running relay', () => {
  it('adds a phone and prints its URL, secret, a terminal QR code and the app steps; lists it; removes it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'otp-phone-cli-'));
    const configStore = await openConfigStore(dir);
    t = await startTestRelay({ configStore, phone: { port: 0 } });
    await configStore.writeText(TOKEN_FILE, `${t.relay.token}\n`);
    const common = ['--config-dir', dir, '--relay', t.relay.url];

    const add = io();
    expect(await runCli(['phone', 'add', '--app', 'smsforwarder', '--name', 'Pixel 8', ...common], add.io)).toBe(0);
    const phone = t.relay.phones.list()[0];
    expect(phone?.name).toBe('Pixel 8');
    const url = t.relay.phoneListener?.webhookUrl(phone?.id ?? '') as string;
    expect(add.text.out).toContain(`Webhook URL: ${url}`);
    expect(add.text.out).toContain(`Secret:      ${phone?.secret}`);
    expect(add.text.out).toContain('SmsForwarder → Senders');
    // The terminal renderer draws with block characters.
    expect(add.text.out).toMatch(/[▀▄█]{8,}/);

    const list = io();
    expect(await runCli(['phone', 'list', ...common], list.io), list.text.err).toBe(0);
    expect(list.text.out).toContain(`${phone?.id}  smsforwarder  Pixel 8  ${url}`);
    expect(list.text.out).not.toContain(phone?.secret);

    const remove = io();
    expect(await runCli(['phone', 'remove', phone?.id ?? '', ...common], remove.io), remove.text.err).toBe(0);
    expect(t.relay.phones.list()).toEqual([]);
  });

  it('says what is wrong: a bad app, no relay, an unknown id', async () => {
    dir = await mkdtemp(join(tmpdir(), 'otp-phone-cli-'));
    const configStore = await openConfigStore(dir);
    t = await startTestRelay({ configStore });
    await configStore.writeText(TOKEN_FILE, `${t.relay.token}\n`);
    const common = ['--config-dir', dir, '--relay', t.relay.url];
    const bad = io();
    expect(await runCli(['phone', 'add', '--app', 'whatsapp', '--name', 'x', ...common], bad.io)).toBe(2);
    expect(bad.text.err).toContain('--app must be one of smsforwarder');
    const gone = io();
    expect(await runCli(['phone', 'remove', 'PH0000000000000000', ...common], gone.io), gone.text.err).toBe(1);
    expect(gone.text.err).toContain('No phone');
    const off = io();
    expect(await runCli(['phone', 'add', '--app', 'shortcuts', '--name', 'iPhone', ...common], off.io)).toBe(0);
    expect(off.text.out).toContain('The phone listener is off');
    const nobody = io();
    expect(await runCli(['phone', 'list', '--config-dir', dir, '--relay', 'http://127.0.0.1:1'], nobody.io)).toBe(1);
    expect(nobody.text.err).toContain('no relay answers at http://127.0.0.1:1');
  });
});

describe('otp-relay --phone-port', () => {
  it('starts the phone listener, warns about plain HTTP, and `phone add` in another process gets its URL', async () => {
    dir = await mkdtemp(join(tmpdir(), 'otp-phone-cli-'));
    const env = { OTP_RELAY_CONFIG_DIR: dir };
    const cli = await startCli(['--port', '0', '--no-smtp', '--phone-port', '0', '--phone-http'], { env });
    try {
      const listener = /otp-relay phone listener on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(cli.stdout())?.[1];
      expect(listener).toBeDefined();
      // stderr is its own pipe: the warning may land just after the pairing text on stdout.
      await expect
        .poll(() => cli.stderr(), { timeout: 5000 })
        .toContain('warning: the phone listener speaks plain HTTP');
      const add = spawnCli(['phone', 'add', '--app', 'shortcuts', '--name', 'iPhone', '--relay', cli.url], { env });
      expect((await add.exited).code).toBe(0);
      const url = /Webhook URL: (\S+)/.exec(add.stdout())?.[1] as string;
      expect(url.startsWith(`${listener}/phone/PH`)).toBe(true);
      const secret = /Secret: +(\S+)/.exec(add.stdout())?.[1];
      const sent = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ from: 'TikTok', text: '[TikTok] 482913 is your verification code.' }),
      });
      expect(sent.status).toBe(200);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });
});
