import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { assertUsableToken } from '../http/security.ts';
import { ConfigError, type ConfigStore } from './config-store.ts';

/** The stored token is a plain one-line file, so `--token-file <config dir>/token` reads the same thing. */
export const TOKEN_FILE = 'token';

/** Where the token a relay runs with came from; the CLI's pairing text and warnings depend on it. */
export type TokenSource = 'flag' | 'env' | 'file' | 'stored' | 'generated';

export interface ResolvedToken {
  token: string;
  source: TokenSource;
  /** The file it was read from or stored in (`file`, `stored`, `generated`). */
  path?: string;
  /** One line for the person starting the relay, when how they passed the token is unsafe. */
  warning?: string;
}

export interface TokenInputs {
  /** `--token`: works, but any local user can read a process's command line. */
  flag?: string | undefined;
  /** `OTP_RELAY_TOKEN`. */
  env?: string | undefined;
  /** `--token-file` / `OTP_RELAY_TOKEN_FILE`. */
  file?: string | undefined;
}

/** A fresh 256-bit token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Precedence: `--token`, then `OTP_RELAY_TOKEN`, then `--token-file`, then the token stored in the config
 * directory; with none of them a new token is generated and stored, so the next start keeps the extension paired.
 */
export async function resolveToken(inputs: TokenInputs, store: ConfigStore): Promise<ResolvedToken> {
  if (inputs.flag !== undefined) {
    usable(inputs.flag, '--token');
    return {
      token: inputs.flag,
      source: 'flag',
      warning:
        'warning: --token on the command line can be read by every local user (ps, /proc/<pid>/cmdline); ' +
        'use --token-file or OTP_RELAY_TOKEN instead',
    };
  }
  if (inputs.env !== undefined) return { token: usable(inputs.env, 'OTP_RELAY_TOKEN'), source: 'env' };
  if (inputs.file !== undefined) return readTokenFile(inputs.file);
  const stored = await store.readText(TOKEN_FILE);
  if (stored !== undefined) {
    return { token: usable(stored.trim(), store.path(TOKEN_FILE)), source: 'stored', path: store.path(TOKEN_FILE) };
  }
  const token = newToken();
  await store.writeText(TOKEN_FILE, `${token}\n`);
  return { token, source: 'generated', path: store.path(TOKEN_FILE) };
}

/** `otp-relay token rotate`: a new token replaces the stored one; paired extensions must be paired again. */
export async function rotateToken(store: ConfigStore): Promise<string> {
  const token = newToken();
  await store.writeText(TOKEN_FILE, `${token}\n`);
  return token;
}

async function readTokenFile(file: string): Promise<ResolvedToken> {
  let text: string;
  let mode: number;
  try {
    text = await readFile(file, 'utf8');
    mode = (await stat(file)).mode;
  } catch (error) {
    throw new ConfigError(`cannot read the --token-file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const token = usable(text.trim(), `--token-file ${file}`);
  // Windows has no such mode bits (stat reports 0o666 for every file), so the warning would always fire there.
  const shared = process.platform !== 'win32' && (mode & 0o077) !== 0;
  return {
    token,
    source: 'file',
    path: file,
    ...(shared ? { warning: `warning: the --token-file ${file} can be read by other users; chmod 600 it` } : {}),
  };
}

function usable(token: string, from: string): string {
  try {
    assertUsableToken(token);
  } catch (error) {
    throw new ConfigError(`the token from ${from} is not usable: ${(error as Error).message}`);
  }
  return token;
}
