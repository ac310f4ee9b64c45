import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** The real `otp-relay` bin, as `npx otp-relay` runs it. */
export const BIN = fileURLToPath(new URL('../bin/otp-relay.js', import.meta.url));

const children = new Set<ChildProcess>();
const dirs = new Set<string>();
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
});

/** A temporary directory removed after the test: config dirs, token files. Tests never touch ~/.config. */
export function tempDir(prefix = 'otp-relay-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

export interface CliRun {
  child: ChildProcess;
  /** Everything on stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns the CLI. `OTP_RELAY_CONFIG_DIR` is always set (a fresh temp dir unless `env` names one), so no test
 * reads or writes the real per-user config directory.
 */
export function spawnCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; stdio?: StdioOptions } = {},
): CliRun {
  const env: Record<string, string | undefined> = {
    ...process.env,
    OTP_RELAY_TOKEN: undefined,
    OTP_RELAY_LOG_LEVEL: 'warn',
    OTP_RELAY_CONFIG_DIR: tempDir('otp-relay-config-'),
    // Never the fixed 2525: tests run side by side.
    OTP_RELAY_SMTP_PORT: '0',
    ...options.env,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = spawn(process.execPath, [BIN, ...args], {
    env: env as NodeJS.ProcessEnv,
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

export interface StartedCli extends CliRun {
  url: string;
  port: number;
}

/** Spawns the relay and resolves once it printed its pairing instructions (the last line it prints at start). */
export async function startCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; stdio?: StdioOptions } = {},
): Promise<StartedCli> {
  const run = spawnCli(args, options);
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (run.stdout().includes('Ctrl-C')) resolve();
    };
    run.child.stdout?.on('data', onData);
    run.exited.then(({ code }) =>
      reject(new Error(`CLI exited early with ${code}:\n${run.stdout()}\n${run.stderr()}`)),
    );
  });
  const first = run.stdout().split('\n')[0] as string;
  const url = /^otp-relay listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(first);
  if (!url) throw new Error(`unexpected first line: ${first}`);
  return { ...run, url: url[1] as string, port: Number(url[2]) };
}

/** The token the pairing text shows (only when it was just generated). */
export function printedToken(stdout: string): string | undefined {
  return /paste\n {2}(\S+)\n/.exec(stdout)?.[1];
}
