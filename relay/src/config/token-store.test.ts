import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-kit/cli-test-kit.ts';
import { openConfigStore } from './config-store.ts';
import { resolveToken, rotateToken } from './token-store.ts';

const FLAG = 'flag-token-flag-token';
const ENV = 'env-token-env-token-env';
const FILE = 'file-token-file-token';
const STORED = 'stored-token-stored-token';

async function setUp(stored?: string) {
  const store = await openConfigStore(tempDir());
  if (stored) await store.writeText('token', `${stored}\n`);
  const file = join(tempDir(), 'token');
  writeFileSync(file, `${FILE}\n`, { mode: 0o600 });
  return { store, file };
}

describe('resolveToken: --token, OTP_RELAY_TOKEN, --token-file, stored, generated', () => {
  it.each([
    [{ flag: FLAG, env: ENV, file: true }, STORED, FLAG, 'flag'],
    [{ env: ENV, file: true }, STORED, ENV, 'env'],
    [{ file: true }, STORED, FILE, 'file'],
    [{}, STORED, STORED, 'stored'],
  ] as const)('%j with a stored token → the %s one', async (inputs, stored, token, source) => {
    const { store, file } = await setUp(stored);
    const resolved = await resolveToken(
      { ...inputs, file: 'file' in inputs ? file : undefined } as { flag?: string; env?: string; file?: string },
      store,
    );
    expect(resolved).toMatchObject({ token, source });
    expect(resolved.warning !== undefined).toBe(source === 'flag');
  });

  it('generates and stores a token when none is given or stored; the next run reads it back', async () => {
    const { store } = await setUp();
    const first = await resolveToken({}, store);
    expect(first).toMatchObject({ source: 'generated', path: store.path('token') });
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(store.path('token'), 'utf8')).toBe(`${first.token}\n`);
    expect(await resolveToken({}, store)).toMatchObject({ token: first.token, source: 'stored' });
  });

  it('a token given on the command line or from the env is never stored', async () => {
    const { store } = await setUp();
    await resolveToken({ flag: FLAG }, store);
    await resolveToken({ env: ENV }, store);
    expect(await store.readText('token')).toBeUndefined();
  });

  it('rotate replaces the stored token', async () => {
    const { store } = await setUp(STORED);
    const rotated = await rotateToken(store);
    expect(rotated).not.toBe(STORED);
    expect(await resolveToken({}, store)).toMatchObject({ token: rotated, source: 'stored' });
  });

  it.runIf(process.platform !== 'win32')('warns when the --token-file can be read by other users', async () => {
    const { store, file } = await setUp();
    chmodSync(file, 0o644);
    expect((await resolveToken({ file }, store)).warning).toMatch(/can be read by other users; chmod 600 it/);
  });

  it.each([
    [{ flag: 'short' }, /the token from --token is not usable/],
    [{ env: 'has spaces in it, many' }, /the token from OTP_RELAY_TOKEN is not usable/],
    [{ file: '/nonexistent/token' }, /cannot read the --token-file \/nonexistent\/token: ENOENT/],
  ])('%j is refused with a clear line', async (inputs, message) => {
    const { store } = await setUp();
    await expect(resolveToken(inputs, store)).rejects.toThrow(message);
  });

  it('a damaged stored token is refused, naming the file', async () => {
    const { store } = await setUp('bad token!');
    await expect(resolveToken({}, store)).rejects.toThrow(`the token from ${store.path('token')} is not usable`);
  });
});
