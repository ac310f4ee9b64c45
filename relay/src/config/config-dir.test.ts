import { describe, expect, it } from 'vitest';
import { defaultConfigDir, resolveConfigDir } from './config-dir.ts';

describe('defaultConfigDir: each platform by its convention', () => {
  it.each([
    ['linux', {}, '/home/ana/.config/otp-relay'],
    ['linux', { XDG_CONFIG_HOME: '/home/ana/.xdg' }, '/home/ana/.xdg/otp-relay'],
    // A relative XDG_CONFIG_HOME is invalid by the XDG spec and ignored.
    ['linux', { XDG_CONFIG_HOME: 'relative/dir' }, '/home/ana/.config/otp-relay'],
    ['freebsd', { XDG_CONFIG_HOME: '/xdg' }, '/xdg/otp-relay'],
    ['darwin', { XDG_CONFIG_HOME: '/ignored' }, '/home/ana/Library/Application Support/otp-relay'],
    ['win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana\\AppData\\Roaming\\otp-relay'],
    ['win32', {}, '\\home\\ana\\AppData\\Roaming\\otp-relay'],
  ] as const)('%s with %j → %s', (platform, env, expected) => {
    expect(defaultConfigDir(env, platform, '/home/ana')).toBe(expected);
  });
});

describe('resolveConfigDir', () => {
  it('takes the chosen dir, else OTP_RELAY_CONFIG_DIR, else the default; always absolute', () => {
    expect(resolveConfigDir('/chosen', { OTP_RELAY_CONFIG_DIR: '/env' })).toBe('/chosen');
    expect(resolveConfigDir(undefined, { OTP_RELAY_CONFIG_DIR: '/env' })).toBe('/env');
    expect(resolveConfigDir('rel', {})).toBe(`${process.cwd()}/rel`);
    expect(resolveConfigDir(undefined, { XDG_CONFIG_HOME: '/xdg' })).toBe(
      process.platform === 'linux' ? '/xdg/otp-relay' : defaultConfigDir({ XDG_CONFIG_HOME: '/xdg' }),
    );
  });
});
