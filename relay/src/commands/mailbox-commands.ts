import { MailboxStatusListSchema } from '@otp-relay/shared';
import { CONFIG_FLAGS, type FlagSpec, flagRows, parseFlags, UsageError } from '../cli-options.ts';
import { resolveConfigDir } from '../config/config-dir.ts';
import { openConfigStore } from '../config/config-store.ts';
import { TOKEN_FILE } from '../config/token-store.ts';
import { type MailboxConfig, parseMailboxUrl, readMailboxes, writeMailboxes } from '../mailbox/mailbox-config.ts';
import type { CliCommand, CliIo } from './command.ts';
import { PromptInterrupted, readSecretLine, type SecretInput } from './read-secret-line.ts';

const ADD_FLAGS = {
  ...CONFIG_FLAGS,
  oauth2: {
    type: 'boolean',
    env: '',
    help: 'the secret is an OAuth2 access token (XOAUTH2), not a password',
  },
  'authserv-id': {
    type: 'string',
    env: '',
    help: 'trust only Authentication-Results from this server id (e.g. mx.google.com; default: the topmost)',
  },
} as const satisfies Record<string, FlagSpec>;

const usage = (words: string, what: string, flags: Record<string, FlagSpec> = CONFIG_FLAGS) =>
  [`Usage: otp-relay ${words}`, '', what, '', 'Options:', ...flagRows(flags), ''].join('\n');

/** The secret: OTP_RELAY_MAILBOX_PASSWORD, else one line from stdin (a muted prompt on a terminal). */
async function readSecret(io: CliIo, what: string): Promise<string> {
  const fromEnv = io.env.OTP_RELAY_MAILBOX_PASSWORD;
  if (fromEnv) return fromEnv;
  let line: string;
  try {
    line = await readSecretLine(io.stdin as SecretInput, io.err, `${what} (not shown as you type): `);
  } catch (error) {
    if (error instanceof PromptInterrupted) throw new Error('interrupted: nothing stored');
    throw error;
  }
  if (!line.trim()) throw new UsageError(`no ${what} given (type it, or set OTP_RELAY_MAILBOX_PASSWORD)`);
  return line.trim();
}

/** `otp-relay mailbox add imaps://user@imap.example.com`: stores a mailbox the relay then watches read-only. */
export const mailboxAddCommand: CliCommand = {
  path: ['mailbox', 'add'],
  takesArguments: true,
  summary: 'watch a real mailbox read-only for codes (IMAP IDLE; password from a prompt or env)',
  help: () =>
    usage(
      'mailbox add imaps://user@imap.example.com[:port][/Folder] [options]',
      'Stores the mailbox in the config directory (readable by you only); the relay watches it from its next\n' +
        'start: new mail only, nothing marked read, moved or deleted. The password or app password (or, with\n' +
        '--oauth2, an access token) is read from OTP_RELAY_MAILBOX_PASSWORD, else asked for.',
      ADD_FLAGS,
    ),
  async run(argv, io) {
    const flags = parseFlags(ADD_FLAGS, argv, io.env, true);
    const [url, ...extra] = flags.positionals;
    if (!url || extra.length > 0) throw new UsageError('give exactly one mailbox URL: imaps://user@imap.example.com');
    let address: ReturnType<typeof parseMailboxUrl>;
    try {
      address = parseMailboxUrl(url);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const store = await openConfigStore(resolveConfigDir(flags.text('config-dir'), io.env));
    const oauth2 = flags.flag('oauth2');
    const secret = await readSecret(io, oauth2 ? 'OAuth2 access token' : `password for ${address.id}`);
    const authservId = flags.text('authserv-id');
    const config: MailboxConfig = {
      ...address,
      auth: oauth2 ? { accessToken: secret } : { pass: secret },
      ...(authservId === undefined ? {} : { authservId }),
    };
    const others = (await readMailboxes(store)).filter((m) => m.id !== config.id);
    await writeMailboxes(store, [...others, config]);
    io.out.write(`Mailbox ${config.id} (${config.folder}) stored; the relay watches it from its next start.\n`);
    return 0;
  },
};

export const mailboxListCommand: CliCommand = {
  path: ['mailbox', 'list'],
  summary: 'list the watched mailboxes (never their secrets)',
  help: () => usage('mailbox list [options]', 'Lists the mailboxes stored by `otp-relay mailbox add`.'),
  async run(argv, io) {
    const flags = parseFlags(CONFIG_FLAGS, argv, io.env);
    const store = await openConfigStore(resolveConfigDir(flags.text('config-dir'), io.env));
    const mailboxes = await readMailboxes(store);
    if (mailboxes.length === 0)
      io.out.write('No mailboxes. Add one: otp-relay mailbox add imaps://user@imap.example.com\n');
    for (const m of mailboxes) {
      const auth = 'accessToken' in m.auth ? 'OAuth2 token' : 'password';
      io.out.write(`${m.id}  ${m.secure ? 'imaps' : 'imap'}://${m.host}:${m.port}/${m.folder}  ${auth}\n`);
    }
    return 0;
  },
};

export const mailboxRemoveCommand: CliCommand = {
  path: ['mailbox', 'remove'],
  takesArguments: true,
  summary: 'stop watching a mailbox and forget its secret',
  help: () =>
    usage('mailbox remove <user@host | URL> [options]', 'Removes a mailbox stored by `otp-relay mailbox add`.'),
  async run(argv, io) {
    const flags = parseFlags(CONFIG_FLAGS, argv, io.env, true);
    const [name] = flags.positionals;
    if (!name) throw new UsageError('name the mailbox to remove (as `otp-relay mailbox list` shows it)');
    const id = name.includes('://') ? parseMailboxUrl(name).id : name;
    const store = await openConfigStore(resolveConfigDir(flags.text('config-dir'), io.env));
    const mailboxes = await readMailboxes(store);
    const kept = mailboxes.filter((m) => m.id !== id);
    if (kept.length === mailboxes.length) throw new Error(`no mailbox ${id} (see otp-relay mailbox list)`);
    await writeMailboxes(store, kept);
    io.out.write(`Mailbox ${id} removed; the relay stops watching it at its next start.\n`);
    return 0;
  },
};

const STATUS_FLAGS = {
  ...CONFIG_FLAGS,
  url: { type: 'string', env: 'OTP_RELAY_URL', help: 'the running relay (default http://127.0.0.1:8787)' },
} as const satisfies Record<string, FlagSpec>;

/** `otp-relay status`: whether the relay runs, and one line per watched mailbox. Exit 1 when it does not run. */
export const statusCommand: CliCommand = {
  path: ['status'],
  summary: 'is the relay running, and is each mailbox watched',
  help: () => usage('status [options]', 'Asks the running relay how it is, with the stored token.', STATUS_FLAGS),
  async run(argv, io) {
    const flags = parseFlags(STATUS_FLAGS, argv, io.env);
    const store = await openConfigStore(resolveConfigDir(flags.text('config-dir'), io.env));
    const url = (flags.text('url') ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
    const token = io.env.OTP_RELAY_TOKEN || (await store.readText(TOKEN_FILE))?.trim();
    const stored = await readMailboxes(store);
    let answer: Response | undefined;
    try {
      answer = await fetch(`${url}/api/v1/mailboxes`, {
        headers: { authorization: `Bearer ${token ?? ''}` },
        signal: AbortSignal.timeout(3000),
      });
    } catch {
      answer = undefined;
    }
    if (!answer?.ok) {
      const why = answer === undefined ? 'not running' : `answered ${answer.status} (another token?)`;
      io.out.write(`relay ${url}: ${why}\n`);
      for (const m of stored) io.out.write(`mailbox ${m.id}: not watched (relay ${why})\n`);
      return 1;
    }
    const { mailboxes } = MailboxStatusListSchema.parse(await answer.json());
    io.out.write(`relay ${url}: running\n`);
    for (const m of mailboxes) io.out.write(`mailbox ${m.id}: ${m.state} since ${m.since}\n`);
    for (const m of stored.filter((s) => !mailboxes.some((live) => live.id === s.id))) {
      io.out.write(`mailbox ${m.id}: not watched yet (added after the relay started: restart it)\n`);
    }
    return 0;
  },
};
