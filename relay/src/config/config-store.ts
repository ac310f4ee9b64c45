import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';

/** A config directory or file the relay cannot use: its message is one line that says what and where. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** One file of the store, typed by its schema: what a feature keeps (phone devices, certificate, rules…). */
export interface ConfigFile<T> {
  readonly path: string;
  /** The stored value, or undefined when the file does not exist yet. Invalid content throws ConfigError. */
  read(): Promise<T | undefined>;
  write(value: T): Promise<void>;
  remove(): Promise<void>;
}

/**
 * The relay's per-user config directory (see config-dir.ts for where). Everything in it is readable by the user
 * only: the directory is created 0700, every file is written 0600, and every write is atomic (a temp file in the
 * same directory, fsynced, then renamed over the old one), so a crash or SIGKILL mid-write leaves the old file
 * or the new one, never half of one.
 */
export interface ConfigStore {
  readonly dir: string;
  /** Absolute path of a file in the store. Names are plain file names: `token`, `phones.json`. */
  path(name: string): string;
  /** Parses the JSON file `name` with `schema`; undefined when it does not exist. */
  read<T>(name: string, schema: z.ZodType<T>): Promise<T | undefined>;
  /** Writes `value` as JSON, atomically, mode 0600. */
  write(name: string, value: unknown): Promise<void>;
  readText(name: string): Promise<string | undefined>;
  writeText(name: string, text: string): Promise<void>;
  remove(name: string): Promise<void>;
  /** A typed handle on one JSON file: `store.file('phones.json', PhonesSchema)`. */
  file<T>(name: string, schema: z.ZodType<T>): ConfigFile<T>;
}

const FILE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Creates the directory if needed and proves it can be written (a probe file), so a relay that cannot keep its
 * state fails at start with one clear line instead of halfway through, after its listeners are up.
 */
export async function openConfigStore(dir: string): Promise<ConfigStore> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    const probe = join(dir, `.probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    await (await open(probe, 'wx', 0o600)).close();
    await rm(probe, { force: true });
  } catch (error) {
    throw new ConfigError(`cannot use the config directory ${dir}: ${reason(error)} (choose one with --config-dir)`);
  }

  const path = (name: string): string => {
    if (!FILE_NAME.test(name)) throw new Error(`"${name}" is not a config file name`);
    return join(dir, name);
  };
  const readText = async (name: string): Promise<string | undefined> => {
    const file = path(name);
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new ConfigError(`cannot read ${file}: ${reason(error)}`);
    }
  };
  const writeText = async (name: string, text: string): Promise<void> => {
    const file = path(name);
    try {
      await writeAtomically(file, text);
    } catch (error) {
      throw new ConfigError(`cannot write ${file}: ${reason(error)}`);
    }
  };
  const read = async <T>(name: string, schema: z.ZodType<T>): Promise<T | undefined> => {
    const text = await readText(name);
    if (text === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ConfigError(`${path(name)} is not valid JSON: fix it or remove it`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw new ConfigError(
        `${path(name)} is not what otp-relay expects${where} (${issue?.message}): fix or remove it`,
      );
    }
    return parsed.data;
  };
  const write = (name: string, value: unknown) => writeText(name, `${JSON.stringify(value, null, 2)}\n`);
  const remove = async (name: string): Promise<void> => {
    await rm(path(name), { force: true });
  };

  return {
    dir,
    path,
    read,
    write,
    readText,
    writeText,
    remove,
    file: <T>(name: string, schema: z.ZodType<T>): ConfigFile<T> => ({
      path: path(name),
      read: () => read(name, schema),
      write: async (value: T) => write(name, schema.parse(value)),
      remove: () => remove(name),
    }),
  };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOTDIR: 'not a directory',
    EEXIST: 'a file is in the way',
    ENOSPC: 'no space left on the device',
  };
  return (code && known[code]) ?? message;
}
