import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findDovecot } from '../../scripts/find-dovecot.mjs';

/*
 * A real Dovecot IMAP server for the watched-mailbox tests: Debian's dovecot-imapd (scripts/ensure-dovecot.mjs
 * installs it, as npm test does), run in the foreground as a child process with a throwaway config in a temp
 * directory: 127.0.0.1 on a free port, passwd-file logins, Maildir in the same directory. No Dovecot here is a
 * failure, never a skip. Portable: as a normal user every process runs as that user; as root (Dovecot's login
 * processes refuse root) they run as the package's own unprivileged users, which own the mail directory.
 */

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** Stops the server and removes its directory (mail included). */
  stop(): Promise<void>;
  /** Stops the server process only, as a server going down does: its mail stays for `startAgain`. */
  stopServer(): Promise<void>;
  /** Starts the server again on the same port, with the same mail (after `stopServer`). */
  startAgain(): Promise<void>;
  /** Dovecot's own log, for a failing test's message. */
  log(): string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function idOf(name: string, flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString().startsWith('* OK'));
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startDovecot(): Promise<Dovecot> {
  const binary = findDovecot();
  if (!binary) throw new Error('Dovecot is not installed: run node scripts/ensure-dovecot.mjs (npm test does)');
  const dir = mkdtempSync(join(tmpdir(), 'otp-relay-dovecot-'));
  // Dovecot's unprivileged processes must reach the mail and runtime directories under it.
  chmodSync(dir, 0o755);
  const user = 'seller';
  const password = 'app-password-for-tests';
  const isRoot = process.getuid?.() === 0;
  const uid = isRoot ? idOf('dovecot', '-u') : (process.getuid?.() ?? 0);
  const gid = isRoot ? idOf('dovecot', '-g') : (process.getgid?.() ?? 0);
  const me = isRoot ? undefined : execFileSync('id', ['-un'], { encoding: 'utf8' }).trim();
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  chownSync(join(dir, 'mail'), uid, gid);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  const port = await freePort();
  const config = [
    'protocols = imap',
    'listen = 127.0.0.1',
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    'instance_name = otp-relay-test',
    `log_path = ${dir}/dovecot.log`,
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `default_internal_user = ${me ?? 'dovecot'}`,
    `default_internal_group = ${isRoot ? 'dovecot' : execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim()}`,
    `default_login_user = ${me ?? 'dovenull'}`,
    `first_valid_uid = ${Math.min(uid, 100)}`,
    `mail_location = maildir:${dir}/mail/%u`,
    // IDLE clients hear of new mail at once (inotify); this is only the fallback poll.
    'mailbox_idle_check_interval = 1 secs',
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/passwd\n}`,
    `userdb {\n  driver = static\n  args = uid=${uid} gid=${gid} home=${dir}/mail/%u\n}`,
    `service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    'service anvil {\n  chroot =\n}',
    'service stats {\n  chroot =\n}',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'dovecot.conf'), config);
  const log = () => {
    try {
      return readFileSync(join(dir, 'dovecot.log'), 'utf8');
    } catch {
      return '';
    }
  };
  let output = '';
  let child: ChildProcess | undefined;
  const launch = async () => {
    // Its own process group: a stop ends every process of it, as a server going down does (the master's
    // children outlive it otherwise: an IDLE connection's imap process kept its socket open for seconds).
    const server = spawn(binary, ['-F', '-c', join(dir, 'dovecot.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = server;
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    server.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const deadline = Date.now() + 15_000;
    while (!(await accepts(port))) {
      if (server.exitCode !== null || Date.now() > deadline) {
        server.kill('SIGKILL');
        throw new Error(`Dovecot did not start:\n${output}\n${log()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const stopServer = async () => {
    const server = child;
    if (server?.pid !== undefined) {
      const group = server.pid;
      const signal = (name: NodeJS.Signals | 0) => {
        try {
          process.kill(-group, name);
          return true;
        } catch {
          return false; // ESRCH: nothing of the group is left
        }
      };
      signal('SIGTERM');
      const deadline = Date.now() + 5000;
      while (signal(0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      signal('SIGKILL'); // whatever did not end on SIGTERM within 5 s
      while (server.exitCode === null && server.signalCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    // Nothing answers on the port any more.
    const deadline = Date.now() + 10_000;
    while ((await accepts(port)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  await launch();
  const stop = async () => {
    await stopServer();
    rmSync(dir, { recursive: true, force: true });
  };
  return { port, user, password, stop, stopServer, startAgain: launch, log: () => `${output}${log()}` };
}
