import { DEFAULT_HOST, DEFAULT_PORT, phoneSetupSteps } from '@otp-relay/shared';
import { CONFIG_FLAGS, type FlagSpec, flagRows, parseFlags, UsageError } from '../cli-options.ts';
import { resolveConfigDir } from '../config/config-dir.ts';
import { ConfigError, openConfigStore } from '../config/config-store.ts';
import { TOKEN_FILE } from '../config/token-store.ts';
import { PHONE_APPS } from '../phone/phone-apps.ts';
import type { CliCommand, CliIo } from './command.ts';

/**
 * `otp-relay phone add|list|remove` talk to the running relay (its API, with the stored token): only it knows
 * the phone listener's address for the webhook URL, and a removal must take effect in it at once.
 */
const PHONE_FLAGS = {
  ...CONFIG_FLAGS,
  relay: {
    type: 'string',
    env: 'OTP_RELAY_URL',
    help: `the running relay (default http://${DEFAULT_HOST}:${DEFAULT_PORT})`,
  },
  app: { type: 'string', env: '', help: `the forwarder app: ${PHONE_APPS.join(', ')}` },
  name: { type: 'string', env: '', help: 'a name to tell this phone apart, e.g. "Pixel 8"' },
} as const satisfies Record<string, FlagSpec>;

interface Phone {
  id: string;
  app: (typeof PHONE_APPS)[number];
  name: string;
  url: string | null;
  secret?: string;
}

async function callRelay(argv: string[], io: CliIo, method: string, path: string, body?: unknown) {
  const flags = parseFlags(PHONE_FLAGS, argv, io.env, true);
  const store = await openConfigStore(resolveConfigDir(flags.text('config-dir'), io.env));
  const token = io.env.OTP_RELAY_TOKEN || (await store.readText(TOKEN_FILE))?.trim();
  if (!token) throw new ConfigError(`no token stored in ${store.dir}: start the relay once first`);
  const base = (flags.text('relay') ?? `http://${DEFAULT_HOST}:${DEFAULT_PORT}`).replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new Error(`no relay answers at ${base}: start it (with --phone-port for phones) or pass --relay`);
  }
  const json = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok) {
    const detail = typeof json?.detail === 'string' ? json.detail : `HTTP ${response.status}`;
    const fields = Array.isArray(json?.errors)
      ? ` (${(json.errors as { field: string; message: string }[]).map((e) => `${e.field}: ${e.message}`).join('; ')})`
      : '';
    throw new Error(`the relay refused: ${detail}${fields}`);
  }
  return { json, flags };
}

const usage = (words: string, what: string) =>
  [`Usage: otp-relay ${words}`, '', what, '', 'Options:', ...flagRows(PHONE_FLAGS), ''].join('\n');

export const phoneAddCommand: CliCommand = {
  path: ['phone', 'add'],
  summary: 'add a phone that forwards SMS: prints its webhook URL, secret, a QR code and the setup steps',
  help: () =>
    usage(
      'phone add --app <app> --name <name> [options]',
      'Adds a phone to the running relay and prints what to enter in its forwarder app. The secret is shown only now.',
    ),
  async run(argv, io) {
    const flags = parseFlags(PHONE_FLAGS, argv, io.env, true);
    const app = flags.text('app');
    const name = flags.text('name');
    if (app === undefined || !(PHONE_APPS as readonly string[]).includes(app)) {
      throw new UsageError(`--app must be one of ${PHONE_APPS.join(', ')}`);
    }
    if (name === undefined || name.trim() === '') throw new UsageError('--name is required, e.g. --name "Pixel 8"');
    const { json } = await callRelay(argv, io, 'POST', '/api/v1/phones', { app, name });
    const phone = json as unknown as Phone;
    const lines = [`Phone ${phone.name} (${phone.app}) added: ${phone.id}`];
    if (phone.url === null) {
      lines.push('The phone listener is off: restart the relay with --phone-port <port> --phone-host <LAN address>,');
      lines.push(`then run otp-relay phone list for its URL. Secret: ${phone.secret}`);
    } else {
      const { default: QRCode } = await import('qrcode');
      lines.push(`Webhook URL: ${phone.url}`, `Secret:      ${phone.secret}`, '');
      lines.push((await QRCode.toString(phone.url, { type: 'terminal', small: true })).trimEnd(), '');
      lines.push(
        'On the phone:',
        ...phoneSetupSteps(phone.app, phone.url, phone.secret ?? '').map((s, i) => `  ${i + 1}. ${s}`),
      );
      if (phone.url.startsWith('https:')) {
        lines.push('', 'The relay uses a self-signed certificate: allow it in the app (or install it on the phone).');
      }
    }
    io.out.write(`${lines.join('\n')}\n`);
    return 0;
  },
};

export const phoneListCommand: CliCommand = {
  path: ['phone', 'list'],
  summary: 'list the phones that may forward SMS to the running relay',
  help: () => usage('phone list [options]', 'Lists the phones of the running relay (never their secrets).'),
  async run(argv, io) {
    const { json } = await callRelay(argv, io, 'GET', '/api/v1/phones');
    const phones = (json?.phones ?? []) as Phone[];
    if (phones.length === 0) io.out.write('No phones yet: otp-relay phone add --app <app> --name <name>\n');
    for (const phone of phones)
      io.out.write(`${phone.id}  ${phone.app}  ${phone.name}  ${phone.url ?? '(phone listener off)'}\n`);
    return 0;
  },
};

export const phoneRemoveCommand: CliCommand = {
  path: ['phone', 'remove'],
  takesArguments: true,
  summary: 'remove a phone: its secret stops working at once',
  help: () =>
    usage(
      'phone remove <id> [options]',
      'Removes a phone from the running relay; its secret is worthless from now on.',
    ),
  async run(argv, io) {
    const flags = parseFlags(PHONE_FLAGS, argv, io.env, true);
    const [id, ...rest] = flags.positionals;
    if (id === undefined || rest.length > 0) throw new UsageError('name one phone id: otp-relay phone remove <id>');
    const { json } = await callRelay(argv, io, 'DELETE', `/api/v1/phones/${encodeURIComponent(id)}`);
    io.out.write(`Removed ${String(json?.name)} (${id}).\n`);
    return 0;
  },
};
