import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RelayClient } from '@otp-relay/shared';

const CLI = fileURLToPath(new URL('../../relay/src/cli.ts', import.meta.url));
const READY = /otp-relay listening on (http:\/\/\S+)/;
const SMTP_READY = /otp-relay SMTP on \S+:(\d+)/;

export interface StartRelayOptions {
  /** Start with the test clock so expiry is driven by `client.advanceClock` (default true). */
  testClock?: boolean;
  /** Port to listen on (default 0: a free one). A restart reuses the port it got. */
  port?: number;
  /** Token to use (default: a fresh random one, passed in OTP_RELAY_TOKEN). */
  token?: string;
  /**
   * Pass no token: the relay uses the one kept in its config directory (made and stored on the first start),
   * as a seller's relay does. `relay.token` is read from there.
   */
  storedToken?: boolean;
  /** Extra CLI flags, e.g. ['--resend-cooldown-seconds', '2']. */
  args?: string[];
  /** Config directory (default: a fresh temporary one, removed when this process exits; never ~/.config). */
  configDir?: string;
}

export interface RelayProcess {
  url: string;
  port: number;
  /** The relay's SMTP port (a free one per launch; 0 with --no-smtp). */
  smtpPort: number;
  token: string;
  /** The relay process's pid (of the current one, after a restart). */
  readonly pid: number;
  /** The config directory it runs with. */
  configDir: string;
  client: RelayClient;
  /** Everything the relay printed, for asserting that no code or token was logged. */
  output(): string;
  /** SIGTERM and wait for the exit (graceful shutdown). */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit: a crash, no graceful shutdown. */
  kill(): Promise<void>;
  /** Stop (unless it already stopped), then start a new relay process on the same port, token and config dir. */
  restart(): Promise<void>;
}

// Temporary config dirs of this process's relays: removed when it exits (a restart needs the same one). A
// process killed by SIGKILL cannot remove its own, so each name carries its pid and the next run sweeps the
// directories of processes that are gone.
const CONFIG_PREFIX = 'otp-relay-config-';
const tempDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
for (const entry of readdirSync(tmpdir())) {
  const pid = new RegExp(`^${CONFIG_PREFIX}(\\d+)-`).exec(entry)?.[1];
  if (pid !== undefined && !isAlive(Number(pid))) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs the real relay CLI in its own process on a free port, the way a tester runs it. The relay dies with the
 * process that started it, however that one dies: `--exit-with-stdin` with a pipe that only this process holds
 * (the kernel closes it when this process is gone, SIGKILL included).
 */
export async function startRelay(options: StartRelayOptions = {}): Promise<RelayProcess> {
  let token = options.storedToken ? '' : (options.token ?? randomBytes(32).toString('base64url'));
  const configDir = options.configDir ?? mkdtempSync(join(tmpdir(), `${CONFIG_PREFIX}${process.pid}-`));
  if (options.configDir === undefined) tempDirs.add(configDir);
  const flags = [
    '--exit-with-stdin',
    '--config-dir',
    configDir,
    ...(options.testClock === false ? [] : ['--test-clock']),
    ...(options.args ?? []),
  ];
  let log = '';
  let child: ChildProcess;
  let url = '';
  let launchedAt = 0;

  const launch = async (port: number): Promise<void> => {
    child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', String(port), ...flags], {
      // The token goes through the environment, never the command line (visible in `ps`) or a URL.
      // Never the fixed SMTP port 2525: relays run side by side.
      env: {
        ...process.env,
        OTP_RELAY_TOKEN: options.storedToken ? '' : token,
        OTP_RELAY_SMTP_PORT: '0',
        NO_COLOR: '1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // Never written to: the pipe is the relay's lifeline. An EPIPE after the relay exited is expected.
    child.stdin?.on('error', () => undefined);
    // Only this launch's output: after a restart the old "listening" line is still in the log.
    const from = log.length;
    url = await new Promise<string>((resolve, reject) => {
      // tsx compiles the relay on a cold cache in its first start; on a loaded 2-core box that alone took over 20 s.
      const timer = setTimeout(() => reject(new Error(`relay did not start within 45 s:\n${log}`)), 45_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const match = READY.exec(log.slice(from));
        if (match?.[1]) {
          launchedAt = from;
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`relay exited with ${code} before it was ready:\n${log}`));
      });
    });
  };

  await launch(options.port ?? 0);
  if (options.storedToken) token = readFileSync(join(configDir, 'token'), 'utf8').trim();
  const relay: RelayProcess = {
    get url() {
      return url;
    },
    get port() {
      return Number(new URL(url).port);
    },
    get token() {
      return token;
    },
    // Printed right after the "listening" line (the same write in practice): read from this launch's output.
    get smtpPort() {
      return Number(SMTP_READY.exec(log.slice(launchedAt))?.[1] ?? 0);
    },
    get pid() {
      return child.pid ?? 0;
    },
    configDir,
    get client() {
      return new RelayClient({ url, token });
    },
    output: () => log,
    stop: () => stopProcess(child),
    kill: () => killProcess(child),
    restart: async () => {
      const port = relay.port;
      await stopProcess(child);
      await launch(port);
    },
  };
  return relay;
}

function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
