import { CONFIG_FLAGS, flagRows, parseFlags } from '../cli-options.ts';
import { resolveConfigDir } from '../config/config-dir.ts';
import { ConfigError, openConfigStore } from '../config/config-store.ts';
import { rotateToken, TOKEN_FILE } from '../config/token-store.ts';
import type { CliCommand, CliIo } from './command.ts';

async function storeFor(argv: string[], io: CliIo) {
  const flags = parseFlags(CONFIG_FLAGS, argv, io.env);
  return openConfigStore(resolveConfigDir(flags.text('config-dir'), io.env));
}

const usage = (words: string, what: string) =>
  [`Usage: otp-relay ${words} [options]`, '', what, '', 'Options:', ...flagRows(CONFIG_FLAGS), ''].join('\n');

/** `otp-relay token rotate`: a new token on purpose; the old one stops working when the relay restarts. */
export const tokenRotateCommand: CliCommand = {
  path: ['token', 'rotate'],
  summary: 'make a new API token and store it (pair the extension again afterwards)',
  help: () =>
    usage(
      'token rotate',
      'Replaces the stored API token with a new one. A running relay keeps the old token until it restarts;\n' +
        'then every paired extension must be paired again with the new token.',
    ),
  async run(argv, io) {
    const store = await storeFor(argv, io);
    const token = await rotateToken(store);
    io.out.write(
      [
        `New token stored in ${store.path(TOKEN_FILE)}:`,
        `  ${token}`,
        'Restart the relay, then pair the extension again: its popup → "Pair with relay" → paste this token.',
        '',
      ].join('\n'),
    );
    return 0;
  },
};

/** `otp-relay token show`: the stored token again, for pairing a second browser. */
export const tokenShowCommand: CliCommand = {
  path: ['token', 'show'],
  summary: 'print the stored API token (to pair another browser)',
  help: () => usage('token show', 'Prints the API token stored in the config directory.'),
  async run(argv, io) {
    const store = await storeFor(argv, io);
    const token = (await store.readText(TOKEN_FILE))?.trim();
    if (!token) {
      throw new ConfigError(`no token stored in ${store.dir} yet: start the relay once, or run otp-relay token rotate`);
    }
    io.out.write(`${token}\n`);
    return 0;
  },
};
