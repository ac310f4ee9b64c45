import { homedir } from 'node:os';
import { join, resolve, win32 } from 'node:path';

export const CONFIG_DIR_NAME = 'otp-relay';

/**
 * Where a user's relay keeps what must survive a restart, by each platform's convention: XDG on Linux and the
 * BSDs (`$XDG_CONFIG_HOME`, else `~/.config`), `~/Library/Application Support` on macOS, `%APPDATA%` on Windows.
 * (env-paths puts config under `~/Library/Preferences` and adds a `-nodejs` suffix: not what a person looks for.)
 */
export function defaultConfigDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), CONFIG_DIR_NAME);
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', CONFIG_DIR_NAME);
  // The XDG spec: a relative $XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg?.startsWith('/') ? xdg : join(home, '.config'), CONFIG_DIR_NAME);
}

/** `--config-dir`, else `OTP_RELAY_CONFIG_DIR`, else the platform's default; always absolute. */
export function resolveConfigDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.OTP_RELAY_CONFIG_DIR;
  return chosen ? resolve(chosen) : defaultConfigDir(env);
}
