import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT } from '@otp-relay/shared';
import { resolveConfigDir } from './config/config-dir.ts';
import type { TokenInputs } from './config/token-store.ts';
import type { RelayOptions } from './create-relay.ts';
import type { RelayLimits } from './limits.ts';
import { LOG_FORMATS, type LogFormat } from './logger.ts';
import { DEFAULT_SMTP_PORT, type SmtpOptions } from './smtp/create-smtp-server.ts';
import { parseTwilioOrigins, type TwilioOrigins } from './twilio/twilio-origins.ts';

/** One flag: its type, its environment twin ('' = none) and its line in --help. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  env: string;
  help: string;
  multiple?: boolean;
  short?: string;
  limit?: keyof RelayLimits;
}

/** Flags every command that touches the config directory takes. */
export const CONFIG_FLAGS = {
  'config-dir': {
    type: 'string',
    env: 'OTP_RELAY_CONFIG_DIR',
    help: 'where the token and other state are kept (default: the platform config dir, see README)',
  },
  help: { type: 'boolean', short: 'h', env: '', help: 'show this help' },
} as const satisfies Record<string, FlagSpec>;

/** Every flag of `otp-relay` (serve), its environment twin and what it does: the source of --help. */
export const SERVE_FLAGS = {
  port: {
    type: 'string',
    env: 'OTP_RELAY_PORT',
    help: `port to listen on (default ${DEFAULT_PORT}; 0 = any free port)`,
  },
  host: { type: 'string', env: 'OTP_RELAY_HOST', help: `interface to listen on (default ${DEFAULT_HOST})` },
  token: {
    type: 'string',
    env: 'OTP_RELAY_TOKEN',
    help: 'API token (visible to local users on the command line: prefer the env or --token-file)',
  },
  'token-file': {
    type: 'string',
    env: 'OTP_RELAY_TOKEN_FILE',
    help: 'read the API token from this file (default: the stored token, made on first start)',
  },
  'config-dir': CONFIG_FLAGS['config-dir'],
  'test-clock': {
    type: 'boolean',
    env: 'OTP_RELAY_TEST_CLOCK',
    help: 'run on a test clock moved by POST /api/v1/clock/advance',
  },
  'no-test-controls': {
    type: 'boolean',
    env: 'OTP_RELAY_NO_TEST_CONTROLS',
    help: 'switch off chaos, clock and reset routes',
  },
  'extension-id': {
    type: 'string',
    multiple: true,
    env: 'OTP_RELAY_EXTENSION_IDS',
    help: 'extra extension id allowed to open the stream (repeatable; env: comma-separated)',
  },
  'allowed-host': {
    type: 'string',
    multiple: true,
    env: 'OTP_RELAY_ALLOWED_HOSTS',
    help: 'extra Host header value to accept, e.g. relay.lan:8787 (repeatable; env: comma-separated)',
  },
  'smtp-port': {
    type: 'string',
    env: 'OTP_RELAY_SMTP_PORT',
    help: `port of the SMTP server for apps under test (default ${DEFAULT_SMTP_PORT}; 0 = any free port)`,
  },
  'no-smtp': { type: 'boolean', env: 'OTP_RELAY_NO_SMTP', help: 'do not start the SMTP server' },
  'smtp-auth': {
    type: 'string',
    env: 'OTP_RELAY_SMTP_AUTH',
    help: 'offer SMTP AUTH: "any" accepts every login; "user:password" requires that one (default: no AUTH)',
  },
  'smtp-starttls': {
    type: 'boolean',
    env: 'OTP_RELAY_SMTP_STARTTLS',
    help: 'offer STARTTLS on the SMTP port (a self-signed certificate kept in the config directory: clients must not verify it, or trust that one)',
  },
  'no-demo': { type: 'boolean', env: 'OTP_RELAY_NO_DEMO', help: 'do not serve the demo seller center at /demo' },
  'phone-port': {
    type: 'string',
    env: 'OTP_RELAY_PHONE_PORT',
    help: 'turn on the phone listener (SMS forwarder apps post here) on this port (default off)',
  },
  'phone-host': {
    type: 'string',
    env: 'OTP_RELAY_PHONE_HOST',
    help: "interface of the phone listener, e.g. the laptop's LAN address (default 127.0.0.1)",
  },
  'phone-http': {
    type: 'boolean',
    env: 'OTP_RELAY_PHONE_HTTP',
    help: 'serve the phone listener over plain HTTP instead of HTTPS (SMS then cross the LAN readable)',
  },
  'log-level': {
    type: 'string',
    env: 'OTP_RELAY_LOG_LEVEL',
    help: 'fatal|error|warn|info|debug|trace|silent (default info; logs go to stderr)',
  },
  'log-format': {
    type: 'string',
    env: 'OTP_RELAY_LOG_FORMAT',
    help: 'pretty|json (default: pretty on a terminal, json otherwise)',
  },
  // No environment twin: a lifeline belongs to how one process was spawned, and an inherited variable would
  // make every relay a child starts with /dev/null as stdin exit at once.
  'exit-with-stdin': {
    type: 'boolean',
    env: '',
    help: 'stop when stdin closes (a harness passes it with a pipe, so the relay dies with the harness)',
  },
  'ttl-seconds': {
    type: 'string',
    env: 'OTP_RELAY_TTL_SECONDS',
    limit: 'ttlSeconds',
    help: 'default code lifetime (600)',
  },
  'code-length': { type: 'string', env: 'OTP_RELAY_CODE_LENGTH', limit: 'codeLength', help: 'default code length (6)' },
  'resend-cooldown-seconds': {
    type: 'string',
    env: 'OTP_RELAY_RESEND_COOLDOWN_SECONDS',
    limit: 'resendCooldownSeconds',
    help: 'wait between sends of one verification (30)',
  },
  'sends-per-window': {
    type: 'string',
    env: 'OTP_RELAY_SENDS_PER_WINDOW',
    limit: 'sendsPerWindow',
    help: 'sends allowed per destination per window (5)',
  },
  'send-window-seconds': {
    type: 'string',
    env: 'OTP_RELAY_SEND_WINDOW_SECONDS',
    limit: 'sendWindowSeconds',
    help: 'that window (600)',
  },
  'lockout-threshold': {
    type: 'string',
    env: 'OTP_RELAY_LOCKOUT_THRESHOLD',
    limit: 'lockoutThreshold',
    help: 'consecutive failed checks that lock a destination (100)',
  },
  'lockout-seconds': {
    type: 'string',
    env: 'OTP_RELAY_LOCKOUT_SECONDS',
    limit: 'lockoutSeconds',
    help: 'how long it stays locked (900)',
  },
  'max-live-verifications': {
    type: 'string',
    env: 'OTP_RELAY_MAX_LIVE_VERIFICATIONS',
    limit: 'maxLiveVerifications',
    help: 'pending verifications at once; past it a create is 429 capacity_reached (100000)',
  },
  'max-destinations': {
    type: 'string',
    env: 'OTP_RELAY_MAX_DESTINATIONS',
    limit: 'maxDestinations',
    help: 'destinations with send counters at once, idle ones dropped first (200000)',
  },
  'max-totp-devices': {
    type: 'string',
    env: 'OTP_RELAY_MAX_TOTP_DEVICES',
    limit: 'maxTotpDevices',
    help: 'virtual TOTP devices at once; past it a create is 429 capacity_reached (1000)',
  },
  'twilio-account-sid': {
    type: 'string',
    env: 'OTP_RELAY_TWILIO_ACCOUNT_SID',
    help: 'account SID apps use for Twilio under /twilio (test default with test controls on; see README)',
  },
  'twilio-auth-token': {
    type: 'string',
    env: 'OTP_RELAY_TWILIO_AUTH_TOKEN',
    help: 'auth token for Twilio under /twilio (prefer the env: the command line is visible to local users)',
  },
  'twilio-origin': {
    type: 'string',
    multiple: true,
    env: 'OTP_RELAY_TWILIO_ORIGIN',
    help: 'origin Twilio Verify codes are for: http://localhost:3000, or per service NAME|VA…=origin (repeatable)',
  },
  'sns-access-key-id': {
    type: 'string',
    env: 'OTP_RELAY_SNS_ACCESS_KEY_ID',
    help: 'AWS access key id whose SigV4 signatures /aws/sns verifies (any key is taken with test controls on)',
  },
  'sns-secret-access-key': {
    type: 'string',
    env: 'OTP_RELAY_SNS_SECRET_ACCESS_KEY',
    help: 'its secret access key (prefer the env)',
  },
  'ping-interval-ms': { type: 'string', env: 'OTP_RELAY_PING_INTERVAL_MS', help: 'WebSocket ping period (30000)' },
  help: CONFIG_FLAGS.help,
} as const satisfies Record<string, FlagSpec>;

/** A command line that cannot be understood: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The --help rows of a flag table. */
export function flagRows(specs: Record<string, FlagSpec>): string[] {
  return Object.entries(specs).map(([name, flag]) => {
    const left = `  --${name}${flag.type === 'string' ? ' <value>' : ''}`;
    const env = flag.env === '' ? '' : ` [${flag.env}${flag.type === 'boolean' ? '=1' : ''}]`;
    return `${left.padEnd(38)}${flag.help}${env}`;
  });
}

/** Typed reads of parsed flags, each falling back to its environment twin: flags win. */
export interface ParsedFlags<Name extends string> {
  positionals: string[];
  text(name: Name): string | undefined;
  flag(name: Name): boolean;
  list(name: Name): string[];
  integer(name: Name): number | undefined;
  /** Only what was on the command line, ignoring the environment. */
  given(name: Name): string | undefined;
}

/** node:util parseArgs over a flag table, strict: an unknown flag is a UsageError naming it. */
export function parseFlags<Name extends string>(
  specs: Record<Name, FlagSpec>,
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  allowPositionals = false,
): ParsedFlags<Name> {
  const table = specs as Record<string, FlagSpec>;
  const options = Object.fromEntries(
    Object.entries(table).map(([name, flag]) => [
      name,
      { type: flag.type, ...(flag.multiple ? { multiple: true } : {}), ...(flag.short ? { short: flag.short } : {}) },
    ]),
  );
  let parsed: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals }) as typeof parsed;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  const fromEnv = (name: Name): string | undefined => {
    const twin = table[name]?.env;
    const value = twin ? env[twin] : undefined;
    return value === undefined || value === '' ? undefined : value;
  };
  const text = (name: Name): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : fromEnv(name);
  };
  return {
    positionals: parsed.positionals,
    text,
    given: (name) => {
      const value = values[name];
      return typeof value === 'string' ? value : undefined;
    },
    flag: (name) => {
      if (values[name] === true) return true;
      const value = fromEnv(name);
      return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
    },
    list: (name) => {
      const value = values[name];
      if (Array.isArray(value)) return value;
      return (text(name) ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
    },
    integer: (name) => {
      const raw = text(name);
      if (raw === undefined) return undefined;
      if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number (got "${raw}")`);
      return Number(raw);
    },
  };
}

export interface CliConfig {
  help: boolean;
  options: RelayOptions & { port: number; logLevel: string };
  /** Absolute path of the config directory this run uses. */
  configDir: string;
  /** The token's possible sources, resolved by resolveToken in the order the README gives. */
  token: TokenInputs;
  /** Undefined: chosen by whether stderr is a terminal. */
  logFormat: LogFormat | undefined;
  exitWithStdin: boolean;
  /** Offer STARTTLS: the serve command makes the certificate (an async step parsing does not take). */
  smtpStartTls: boolean;
}

/** --smtp-auth: "any", or "user:password" (the first colon splits them). */
function smtpAuth(value: string | undefined): SmtpOptions['auth'] {
  if (value === undefined) return undefined;
  if (value === 'any') return 'any';
  const colon = value.indexOf(':');
  if (colon < 1 || colon === value.length - 1) {
    throw new UsageError('--smtp-auth must be "any" or "user:password"');
  }
  return { user: value.slice(0, colon), pass: value.slice(colon + 1) };
}

/** The serve command's flags; throws a UsageError with a readable message on bad values. */
export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): CliConfig {
  const flags = parseFlags(SERVE_FLAGS, argv, env);
  type Name = keyof typeof SERVE_FLAGS;
  const limits: Partial<RelayLimits> = {};
  for (const [name, definition] of Object.entries(SERVE_FLAGS) as [Name, FlagSpec][]) {
    if (definition.limit) {
      const value = flags.integer(name);
      if (value !== undefined) limits[definition.limit] = value;
    }
  }
  const port = flags.integer('port') ?? DEFAULT_PORT;
  if (port > 65_535) throw new UsageError(`--port must be 0–65535 (got ${port})`);
  const phonePort = flags.integer('phone-port');
  if (phonePort !== undefined && phonePort > 65_535)
    throw new UsageError(`--phone-port must be 0–65535 (got ${phonePort})`);
  if (phonePort === undefined && (flags.text('phone-host') !== undefined || flags.flag('phone-http'))) {
    throw new UsageError('--phone-host and --phone-http need --phone-port');
  }
  const logFormat = flags.text('log-format');
  if (logFormat !== undefined && !(LOG_FORMATS as readonly string[]).includes(logFormat)) {
    throw new UsageError(`--log-format must be ${LOG_FORMATS.join(' or ')} (got "${logFormat}")`);
  }
  const pingIntervalMs = flags.integer('ping-interval-ms');
  let twilioOrigins: TwilioOrigins;
  try {
    twilioOrigins = parseTwilioOrigins(flags.list('twilio-origin'));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const twilioAccountSid = flags.text('twilio-account-sid');
  const twilioAuthToken = flags.text('twilio-auth-token');
  if (twilioAccountSid !== undefined && !/^AC[0-9A-Za-z]{32}$/.test(twilioAccountSid)) {
    throw new UsageError('--twilio-account-sid must be "AC" and 32 letters or digits, as Twilio account SIDs are');
  }
  if (twilioAuthToken !== undefined && twilioAuthToken.length < 16) {
    throw new UsageError('--twilio-auth-token must be at least 16 characters');
  }
  const snsAccessKeyId = flags.text('sns-access-key-id');
  const snsSecretAccessKey = flags.text('sns-secret-access-key');
  if ((snsAccessKeyId === undefined) !== (snsSecretAccessKey === undefined)) {
    throw new UsageError('--sns-access-key-id and --sns-secret-access-key go together');
  }
  const smtpPort = flags.integer('smtp-port') ?? DEFAULT_SMTP_PORT;
  if (smtpPort > 65_535) throw new UsageError(`--smtp-port must be 0–65535 (got ${smtpPort})`);
  const auth = smtpAuth(flags.text('smtp-auth'));
  return {
    help: flags.flag('help'),
    configDir: resolveConfigDir(flags.text('config-dir'), env),
    token: {
      flag: flags.given('token'),
      env: env.OTP_RELAY_TOKEN === '' ? undefined : env.OTP_RELAY_TOKEN,
      file: flags.text('token-file'),
    },
    logFormat: logFormat as LogFormat | undefined,
    exitWithStdin: flags.flag('exit-with-stdin'),
    smtpStartTls: flags.flag('smtp-starttls'),
    options: {
      host: flags.text('host') ?? DEFAULT_HOST,
      port,
      testClock: flags.flag('test-clock'),
      testControls: !flags.flag('no-test-controls'),
      demo: !flags.flag('no-demo'),
      extensionIds: flags.list('extension-id'),
      allowedHosts: flags.list('allowed-host'),
      logLevel: flags.text('log-level') ?? 'info',
      limits,
      ...(pingIntervalMs === undefined ? {} : { stream: { pingIntervalMs } }),
      twilio: {
        ...(twilioAccountSid === undefined ? {} : { accountSid: twilioAccountSid }),
        ...(twilioAuthToken === undefined ? {} : { authToken: twilioAuthToken }),
        origins: twilioOrigins,
      },
      ...(phonePort === undefined
        ? {}
        : {
            phone: { port: phonePort, host: flags.text('phone-host') ?? '127.0.0.1', http: flags.flag('phone-http') },
          }),
      sns: {
        ...(snsAccessKeyId === undefined ? {} : { accessKeyId: snsAccessKeyId }),
        ...(snsSecretAccessKey === undefined ? {} : { secretAccessKey: snsSecretAccessKey }),
      },
      ...(flags.flag('no-smtp') ? {} : { smtp: { port: smtpPort, ...(auth === undefined ? {} : { auth }) } }),
    },
  };
}
