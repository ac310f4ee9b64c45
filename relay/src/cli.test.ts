import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { streamProtocols } from '../test-kit/relay-test-kit.ts';
import { helpText, parseCliOptions } from './cli-options.ts';
import { createRealClock } from './clock.ts';
import { pairingInstructions } from './pairing-instructions.ts';

const BIN = fileURLToPath(new URL('../bin/otp-relay.js', import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Starts the real CLI and resolves with everything it printed up to the pairing instructions. */
async function startCli(args: string[], env: Record<string, string> = {}) {
  child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, OTP_RELAY_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child?.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('Ctrl-C')) resolve();
    });
    child?.once('exit', (code) => reject(new Error(`CLI exited early with ${code}: ${stdout}`)));
  });
  const first = stdout.split('\n')[0] as string;
  const url = /^otp-relay listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(first);
  if (!url) throw new Error(`unexpected first line: ${first}`);
  return { stdout, url: url[1] as string, port: Number(url[2]), process: child };
}

describe('CLI', () => {
  it('prints the exact first line, pairs with a generated token, and 9. shuts down gracefully with 1001', async () => {
    const cli = await startCli(['--port', '0', '--test-clock']);
    const token = /paste\n {2}(\S+)\n/.exec(cli.stdout)?.[1] as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cli.stdout).toContain('Test clock: on');
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
    cli.process.kill('SIGTERM');
    const [exitCode] = await once(cli.process, 'exit');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(exitCode).toBe(0);
    expect(await closed).toBe(1001);
    expect((await longPoll).status).toBe(404);
  });
});

describe('help and pairing text', () => {
  it('--help lists every flag with its environment twin', () => {
    const text = helpText();
    for (const flag of [
      '--port',
      '--host',
      '--token',
      '--test-clock',
      '--no-test-controls',
      '--extension-id',
      '--no-demo',
    ]) {
      expect(text).toContain(flag);
    }
    for (const env of ['OTP_RELAY_PORT', 'OTP_RELAY_HOST', 'OTP_RELAY_TOKEN', 'OTP_RELAY_TEST_CLOCK=1']) {
      expect(text).toContain(env);
    }
  });

  it.each([
    [true, 'shows'],
    [false, 'never shows'],
  ])('a token generated=%s: the pairing text %s it', (tokenGenerated) => {
    const token = 'given-token-given-token-given-token';
    const text = pairingInstructions(
      { url: 'http://127.0.0.1:8787', token, tokenGenerated, clock: createRealClock() },
      false,
    );
    expect(text.includes(token)).toBe(tokenGenerated);
    expect(text).toContain('Test controls: off');
    expect(text).toContain('http://127.0.0.1:8787/demo/');
  });
});

describe('parseCliOptions', () => {
  it('defaults to 127.0.0.1:8787 with test controls and the demo on', () => {
    expect(parseCliOptions([], {}).options).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      testClock: false,
      testControls: true,
      demo: true,
      extensionIds: [],
    });
  });

  it('lets flags win over the environment and repeats --extension-id', () => {
    const { options } = parseCliOptions(
      ['--port', '9000', '--extension-id', 'a'.repeat(32), '--extension-id', 'b'.repeat(32), '--ttl-seconds', '5'],
      { OTP_RELAY_PORT: '1234', OTP_RELAY_TEST_CLOCK: '1', OTP_RELAY_RESEND_COOLDOWN_SECONDS: '2' },
    );
    expect(options).toMatchObject({
      port: 9000,
      testClock: true,
      extensionIds: ['a'.repeat(32), 'b'.repeat(32)],
      limits: { ttlSeconds: 5, resendCooldownSeconds: 2 },
    });
  });

  it.each([
    [['--port', 'x'], /--port/],
    [['--port', '70000'], /--port/],
    [['--bogus'], /bogus/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliOptions(argv, {})).toThrow(message);
  });
});
