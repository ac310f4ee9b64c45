import { once } from 'node:events';
import { statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { printedToken, spawnCli, startCli, tempDir } from '../test-kit/cli-test-kit.ts';
import { streamProtocols } from '../test-kit/relay-test-kit.ts';
import { parseCliOptions } from './cli-options.ts';
import { createRealClock } from './clock.ts';
import { globalHelp } from './commands/run-cli.ts';
import { pairingInstructions } from './pairing-instructions.ts';

const authorized = (url: string, token: string) =>
  fetch(`${url}/api/v1/clock`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

async function stop(cli: {
  child: { kill(signal: NodeJS.Signals): boolean };
  exited: Promise<{ code: number | null }>;
}) {
  cli.child.kill('SIGTERM');
  return (await cli.exited).code;
}

describe('CLI', () => {
  it('prints the exact first line, pairs with a generated token, and 9. shuts down gracefully with 1001', async () => {
    const cli = await startCli(['--port', '0', '--test-clock']);
    const token = printedToken(cli.stdout()) as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cli.stdout()).toContain('Test clock: on');
    const health = await fetch(`${cli.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    const clock = await fetch(`${cli.url}/api/v1/clock`, { headers: { authorization: `Bearer ${token}` } });
    expect(await clock.json()).toMatchObject({ testClock: true });

    const ws = new WebSocket(`${cli.url.replace('http', 'ws')}/api/v1/stream`, streamProtocols(token));
    await once(ws, 'open');
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    const longPoll = fetch(`${cli.url}/api/v1/messages/latest?wait=60`, {
      headers: { authorization: `Bearer ${token}` },
    });

    const started = Date.now();
    expect(await stop(cli)).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await closed).toBe(1001);
    expect((await longPoll).status).toBe(404);
  });
});

describe('a relay that stays paired', () => {
  it('keeps its generated token across restarts (0600 in a 0700 dir) until `token rotate` makes a new one', async () => {
    const configDir = join(tempDir(), 'nested', 'otp-relay');
    const env = { OTP_RELAY_CONFIG_DIR: configDir };
    const first = await startCli(['--port', '0'], { env });
    const token = printedToken(first.stdout()) as string;
    expect(first.stdout()).toContain(`stored in ${join(configDir, 'token')}`);
    expect(await stop(first)).toBe(0);
    if (process.platform !== 'win32') {
      expect(statSync(configDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(configDir, 'token')).mode & 0o777).toBe(0o600);
    }

    const second = await startCli(['--port', '0'], { env });
    // The extension paired with the first run still gets in; the token is not printed again.
    expect(await authorized(second.url, token)).toBe(200);
    expect(second.stdout()).not.toContain(token);
    expect(second.stdout()).toContain(`the token stored in ${join(configDir, 'token')}`);
    await stop(second);

    const shown = spawnCli(['token', 'show'], { env });
    expect((await shown.exited).code).toBe(0);
    expect(shown.stdout().trim()).toBe(token);

    const rotate = spawnCli(['token', 'rotate'], { env });
    expect((await rotate.exited).code).toBe(0);
    const rotated = /\n {2}(\S+)\n/.exec(rotate.stdout())?.[1] as string;
    expect(rotated).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated).not.toBe(token);

    const third = await startCli(['--port', '0'], { env });
    expect(await authorized(third.url, token)).toBe(401);
    expect(await authorized(third.url, rotated)).toBe(200);
    await stop(third);
  }, 90_000);

  it('--config-dir wins over OTP_RELAY_CONFIG_DIR', async () => {
    const chosen = tempDir();
    const cli = await startCli(['--port', '0', '--config-dir', chosen]);
    expect(cli.stdout()).toContain(`stored in ${join(chosen, 'token')}`);
    await stop(cli);
  });

  it('--token-file reads the token; --token still works but warns that local users can read it', async () => {
    const file = join(tempDir(), 'token');
    const token = 'file-token-file-token-file-token';
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    const fromFile = await startCli(['--port', '0', '--token-file', file]);
    expect(await authorized(fromFile.url, token)).toBe(200);
    expect(fromFile.stdout()).not.toContain(token);
    expect(fromFile.stderr()).not.toContain('warning');
    await stop(fromFile);

    const flagToken = 'flag-token-flag-token-flag-token';
    const fromFlag = await startCli(['--port', '0', '--token', flagToken, '--token-file', file]);
    expect(await authorized(fromFlag.url, flagToken)).toBe(200);
    expect(fromFlag.stderr()).toMatch(/--token on the command line can be read by every local user/);
    expect(fromFlag.stderr()).not.toContain(flagToken);
    await stop(fromFlag);

    // The environment comes before the file, as the README lists.
    const envToken = 'env-token-env-token-env-token-env';
    const fromEnv = await startCli(['--port', '0', '--token-file', file], { env: { OTP_RELAY_TOKEN: envToken } });
    expect(await authorized(fromEnv.url, envToken)).toBe(200);
    await stop(fromEnv);
  }, 60_000);
});

describe('start-up failures: one clear line, exit code 1, nothing half-started', () => {
  it('a port already in use', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as { port: number };
    const run = spawnCli(['--port', String(port)]);
    expect((await run.exited).code).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([
      `otp-relay: cannot start the relay on 127.0.0.1:${port}: the port is already in use (another otp-relay running? choose another port)`,
    ]);
    expect(run.stdout()).toBe('');
    squatter.close();
  });

  it.each([
    ['a file where the directory should be', (dir: string) => writeFileSync(join(dir, 'cfg'), 'x')],
    ['a directory under a file', (dir: string) => writeFileSync(join(dir, 'cfg'), 'x'), '/sub'],
  ])('a config directory that cannot be written: %s', async (_name, prepare, suffix = '') => {
    const dir = tempDir();
    prepare(dir);
    const run = spawnCli(['--port', '0', '--config-dir', join(dir, 'cfg') + suffix]);
    expect((await run.exited).code).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^otp-relay: cannot use the config directory .*cfg/);
    expect(run.stdout()).toBe('');
  });

  it('a token file that does not exist, and a bad flag (exit 2 with a pointer to --help)', async () => {
    const missing = spawnCli(['--port', '0', '--token-file', '/nonexistent/token']);
    expect((await missing.exited).code).toBe(1);
    expect(missing.stderr()).toMatch(/^otp-relay: cannot read the --token-file \/nonexistent\/token: ENOENT\n$/);
    const bad = spawnCli(['--port', 'x']);
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr()).toMatch(/--port must be a whole number[\s\S]*otp-relay --help/);
    const unknown = spawnCli(['frobnicate']);
    expect((await unknown.exited).code).toBe(2);
    expect(unknown.stderr()).toMatch(/unknown command "frobnicate"/);
  }, 60_000);
});

describe('logs a person reads', () => {
  it('JSON when stderr is not a terminal; pretty by --log-format pretty, still without the token', async () => {
    const json = await startCli(['--port', '0'], { env: { OTP_RELAY_LOG_LEVEL: 'info' } });
    await stop(json);
    const jsonLines = json.stderr().trim().split('\n');
    expect(jsonLines.every((line) => JSON.parse(line).name === 'otp-relay')).toBe(true);
    expect(json.stderr()).toContain('"msg":"relay listening"');

    const pretty = await startCli(['--port', '0', '--log-format', 'pretty'], { env: { OTP_RELAY_LOG_LEVEL: 'info' } });
    const token = printedToken(pretty.stdout()) as string;
    await stop(pretty);
    expect(pretty.stderr()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: relay listening\n/m);
    expect(pretty.stderr()).toMatch(/INFO: stopping\n\s+reason: "SIGTERM"/);
    expect(pretty.stderr()).not.toContain('{"level"');
    expect(pretty.stderr()).not.toContain(token);
  }, 60_000);
});

describe('help and pairing text', () => {
  it('--help lists the commands and every flag with its environment twin', async () => {
    const run = spawnCli(['--help']);
    expect((await run.exited).code).toBe(0);
    const text = run.stdout();
    expect(text).toBe(globalHelp());
    for (const command of ['serve', 'token rotate', 'token show', 'help [command]']) expect(text).toContain(command);
    for (const flag of [
      '--port',
      '--host',
      '--token',
      '--token-file',
      '--config-dir',
      '--log-format',
      '--exit-with-stdin',
      '--test-clock',
      '--no-test-controls',
      '--extension-id',
      '--no-demo',
    ]) {
      expect(text).toContain(flag);
    }
    for (const env of [
      'OTP_RELAY_PORT',
      'OTP_RELAY_HOST',
      'OTP_RELAY_TOKEN',
      'OTP_RELAY_TOKEN_FILE',
      'OTP_RELAY_CONFIG_DIR',
      'OTP_RELAY_LOG_FORMAT',
      'OTP_RELAY_TEST_CLOCK=1',
    ]) {
      expect(text).toContain(env);
    }
  });

  it.each([
    ['generated', true],
    ['stored', false],
    ['env', false],
    ['file', false],
    ['flag', false],
  ] as const)('a token from %s: the pairing text shows it: %s', (tokenSource, shown) => {
    const token = 'given-token-given-token-given-token';
    const text = pairingInstructions(
      { url: 'http://127.0.0.1:8787', token, tokenSource, tokenPath: '/cfg/token', clock: createRealClock() },
      false,
    );
    expect(text.includes(token)).toBe(shown);
    expect(text).toContain('Test controls: off');
    expect(text).toContain('http://127.0.0.1:8787/demo/');
  });
});

describe('parseCliOptions', () => {
  it('defaults to 127.0.0.1:8787 with test controls and the demo on', () => {
    expect(parseCliOptions([], { XDG_CONFIG_HOME: '/xdg' })).toMatchObject({
      configDir: process.platform === 'linux' ? '/xdg/otp-relay' : expect.any(String),
      exitWithStdin: false,
      logFormat: undefined,
      options: { host: '127.0.0.1', port: 8787, testClock: false, testControls: true, demo: true, extensionIds: [] },
    });
  });

  it('lets flags win over the environment and repeats --extension-id', () => {
    const config = parseCliOptions(
      ['--port', '9000', '--extension-id', 'a'.repeat(32), '--extension-id', 'b'.repeat(32), '--ttl-seconds', '5'],
      {
        OTP_RELAY_PORT: '1234',
        OTP_RELAY_TEST_CLOCK: '1',
        OTP_RELAY_RESEND_COOLDOWN_SECONDS: '2',
        OTP_RELAY_TOKEN: 'from-env-from-env',
      },
    );
    expect(config.options).toMatchObject({
      port: 9000,
      testClock: true,
      extensionIds: ['a'.repeat(32), 'b'.repeat(32)],
      limits: { ttlSeconds: 5, resendCooldownSeconds: 2 },
    });
    expect(config.token).toEqual({ flag: undefined, env: 'from-env-from-env', file: undefined });
  });

  it('reads --max-totp-devices and OTP_RELAY_MAX_TOTP_DEVICES into the device cap', () => {
    expect(parseCliOptions(['--max-totp-devices', '7'], {}).options.limits).toEqual({ maxTotpDevices: 7 });
    expect(parseCliOptions([], { OTP_RELAY_MAX_TOTP_DEVICES: '9' }).options.limits).toEqual({ maxTotpDevices: 9 });
  });

  it.each([
    [['--port', 'x'], /--port/],
    [['--port', '70000'], /--port/],
    [['--log-format', 'xml'], /--log-format must be json or pretty/],
    [['--bogus'], /bogus/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliOptions(argv, {})).toThrow(message);
  });
});
