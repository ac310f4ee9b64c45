import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { RelayClient } from '@otp-relay/shared';

const CLI = fileURLToPath(new URL('../../relay/src/cli.ts', import.meta.url));
const READY = /otp-relay listening on (http:\/\/\S+)/;

export interface StartRelayOptions {
  /** Start with the test clock so expiry is driven by `client.advanceClock` (default true). */
  testClock?: boolean;
  /** Port to listen on (default 0: a free one). A restart reuses the port it got. */
  port?: number;
  /** Token to use (default: a fresh random one). */
  token?: string;
  /** Extra CLI flags, e.g. ['--resend-cooldown-seconds', '2']. */
  args?: string[];
}

export interface RelayProcess {
  url: string;
  port: number;
  token: string;
  client: RelayClient;
  /** Everything the relay printed, for asserting that no code or token was logged. */
  output(): string;
  /** SIGTERM and wait for the exit (graceful shutdown). */
  stop(): Promise<void>;
  /** Stop, then start a new relay process on the same port and token: a new epoch, nothing kept. */
  restart(): Promise<void>;
}

/** Runs the real relay CLI in its own process on a free port, the way a tester runs it. */
export async function startRelay(options: StartRelayOptions = {}): Promise<RelayProcess> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const flags = [...(options.testClock === false ? [] : ['--test-clock']), ...(options.args ?? [])];
  let log = '';
  let child: ChildProcess;
  let url = '';

  const launch = async (port: number): Promise<void> => {
    child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', String(port), ...flags], {
      // The token goes through the environment, never the command line (visible in `ps`) or a URL.
      env: { ...process.env, OTP_RELAY_TOKEN: token, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`relay did not start within 20 s:\n${log}`)), 20_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const match = READY.exec(log);
        if (match?.[1]) {
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
  const relay: RelayProcess = {
    get url() {
      return url;
    },
    get port() {
      return Number(new URL(url).port);
    },
    token,
    get client() {
      return new RelayClient({ url, token });
    },
    output: () => log,
    stop: () => stopProcess(child),
    restart: async () => {
      const port = relay.port;
      await stopProcess(child);
      await launch(port);
    },
  };
  return relay;
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
