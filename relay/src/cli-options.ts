import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT } from '@otp-relay/shared';
import type { RelayOptions } from './create-relay.ts';
import type { RelayLimits } from './limits.ts';

/** Every flag, its environment twin and what it does: the source of --help. */
const FLAGS = {
  port: {
    type: 'string',
    env: 'OTP_RELAY_PORT',
    help: `port to listen on (default ${DEFAULT_PORT}; 0 = any free port)`,
  },
  host: { type: 'string', env: 'OTP_RELAY_HOST', help: `interface to listen on (default ${DEFAULT_HOST})` },
  token: { type: 'string', env: 'OTP_RELAY_TOKEN', help: 'API token (default: a fresh one, shown once at start)' },
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
  'no-demo': { type: 'boolean', env: 'OTP_RELAY_NO_DEMO', help: 'do not serve the demo seller center at /demo' },
  'log-level': {
    type: 'string',
    env: 'OTP_RELAY_LOG_LEVEL',
    help: 'fatal|error|warn|info|debug|trace|silent (default info; logs go to stderr)',
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
  'ping-interval-ms': { type: 'string', env: 'OTP_RELAY_PING_INTERVAL_MS', help: 'WebSocket ping period (30000)' },
  help: { type: 'boolean', short: 'h', env: '', help: 'show this help' },
} as const satisfies Record<
  string,
  {
    type: 'string' | 'boolean';
    env: string;
    help: string;
    multiple?: boolean;
    short?: string;
    limit?: keyof RelayLimits;
  }
>;

export interface CliConfig {
  help: boolean;
  options: RelayOptions & { port: number; logLevel: string };
}

export function helpText(): string {
  const rows = Object.entries(FLAGS).map(([name, flag]) => {
    const left = `  --${name}${flag.type === 'string' ? ' <value>' : ''}`;
    const env = flag.env === '' ? '' : ` [${flag.env}${flag.type === 'boolean' ? '=1' : ''}]`;
    return `${left.padEnd(38)}${flag.help}${env}`;
  });
  return [
    'Usage: otp-relay [options]',
    '',
    'A local verification-code relay.',
    '',
    'Options (environment twin in brackets):',
    ...rows,
    '',
  ].join('\n');
}

/** Flags win over their environment twins; throws an Error with a readable message on bad values. */
export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): CliConfig {
  const parseOptions = Object.fromEntries(
    Object.entries(FLAGS).map(([name, flag]) => [
      name,
      {
        type: flag.type,
        ...('multiple' in flag ? { multiple: true } : {}),
        ...('short' in flag ? { short: flag.short } : {}),
      },
    ]),
  );
  const { values } = parseArgs({ args: argv, options: parseOptions, strict: true, allowPositionals: false }) as {
    values: Record<string, string | boolean | string[] | undefined>;
  };
  const text = (name: keyof typeof FLAGS): string | undefined => {
    const value = values[name];
    if (typeof value === 'string') return value;
    const fromEnv = FLAGS[name].env === '' ? undefined : env[FLAGS[name].env];
    return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
  };
  const flag = (name: keyof typeof FLAGS): boolean => {
    if (values[name] === true) return true;
    const fromEnv = FLAGS[name].env === '' ? undefined : env[FLAGS[name].env];
    return fromEnv !== undefined && ['1', 'true', 'yes', 'on'].includes(fromEnv.toLowerCase());
  };
  const list = (name: keyof typeof FLAGS): string[] => {
    const value = values[name];
    if (Array.isArray(value)) return value;
    return (text(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  };
  const integer = (name: keyof typeof FLAGS): number | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number (got "${raw}")`);
    return Number(raw);
  };

  const limits: Partial<RelayLimits> = {};
  for (const [name, definition] of Object.entries(FLAGS)) {
    if ('limit' in definition) {
      const value = integer(name as keyof typeof FLAGS);
      if (value !== undefined) limits[definition.limit] = value;
    }
  }
  const port = integer('port') ?? DEFAULT_PORT;
  if (port > 65_535) throw new Error(`--port must be 0–65535 (got ${port})`);
  const token = text('token');
  const pingIntervalMs = integer('ping-interval-ms');
  return {
    help: values.help === true,
    options: {
      host: text('host') ?? DEFAULT_HOST,
      port,
      ...(token === undefined ? {} : { token }),
      testClock: flag('test-clock'),
      testControls: !flag('no-test-controls'),
      demo: !flag('no-demo'),
      extensionIds: list('extension-id'),
      allowedHosts: list('allowed-host'),
      logLevel: text('log-level') ?? 'info',
      limits,
      ...(pingIntervalMs === undefined ? {} : { stream: { pingIntervalMs } }),
    },
  };
}
