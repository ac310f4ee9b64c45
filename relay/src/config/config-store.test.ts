import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempDir } from '../../test-kit/cli-test-kit.ts';
import { ConfigError, openConfigStore } from './config-store.ts';

const Phones = z.object({ devices: z.array(z.object({ id: z.string(), name: z.string() })) }).strict();

describe('openConfigStore', () => {
  it('creates the directory 0700 and writes JSON files 0600, read back through their schema', async () => {
    const dir = join(tempDir(), 'a', 'otp-relay');
    const store = await openConfigStore(dir);
    expect(await store.read('phones.json', Phones)).toBeUndefined();
    await store.write('phones.json', { devices: [{ id: 'p1', name: 'Pixel 8' }] });
    expect(await store.read('phones.json', Phones)).toEqual({ devices: [{ id: 'p1', name: 'Pixel 8' }] });
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(store.path('phones.json')).mode & 0o777).toBe(0o600);
    }
    // The write-then-rename leaves no temp file and no probe behind.
    expect(readdirSync(dir)).toEqual(['phones.json']);
  });

  it('typed file handles validate on write and read; remove forgets', async () => {
    const store = await openConfigStore(tempDir());
    const phones = store.file('phones.json', Phones);
    await phones.write({ devices: [] });
    expect(await phones.read()).toEqual({ devices: [] });
    await expect(phones.write({ devices: [{ id: 1 }] } as never)).rejects.toThrow();
    await phones.remove();
    expect(await phones.read()).toBeUndefined();
  });

  it('replaces a file atomically: a reader sees the old content or the new, and the mode is reset to 0600', async () => {
    const store = await openConfigStore(tempDir());
    writeFileSync(store.path('token'), 'old\n', { mode: 0o644 });
    await store.writeText('token', 'new\n');
    expect(readFileSync(store.path('token'), 'utf8')).toBe('new\n');
    if (process.platform !== 'win32') expect(statSync(store.path('token')).mode & 0o777).toBe(0o600);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.writeText('token', `v${i}\n`)));
    expect(readFileSync(store.path('token'), 'utf8')).toMatch(/^v\d+\n$/);
  });

  it.each([
    ['not JSON', '{', /is not valid JSON: fix it or remove it/],
    ['the wrong shape', '{"devices":[{"id":"p1"}]}', /is not what otp-relay expects at devices\.0\.name/],
  ])('a file holding %s is a ConfigError naming the file', async (_name, content, message) => {
    const store = await openConfigStore(tempDir());
    writeFileSync(store.path('phones.json'), content);
    const read = store.read('phones.json', Phones);
    await expect(read).rejects.toBeInstanceOf(ConfigError);
    await expect(read).rejects.toThrow(message);
    await expect(read).rejects.toThrow(store.path('phones.json'));
  });

  it('refuses names that are not plain file names', async () => {
    const store = await openConfigStore(tempDir());
    for (const name of ['../escape', 'a/b', '.hidden', '', 'UPPER']) expect(() => store.path(name)).toThrow();
  });

  it('a path it cannot use is one ConfigError line naming it', async () => {
    const file = join(tempDir(), 'file');
    writeFileSync(file, 'x');
    for (const dir of [file, join(file, 'sub')]) {
      await expect(openConfigStore(dir)).rejects.toThrow(
        new RegExp(`^cannot use the config directory ${dir}: (a file is in the way|not a directory) \\(choose`),
      );
    }
  });
});
