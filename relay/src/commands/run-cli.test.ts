import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli-options.ts';
import { ConfigError } from '../config/config-store.ts';
import { createStdioSinks } from '../stdio-sink.ts';
import type { CliCommand } from './command.ts';
import { COMMANDS } from './commands.ts';
import { globalHelp, runCli } from './run-cli.ts';

function io() {
  const text = { out: '', err: '' };
  const stream = (key: 'out' | 'err') =>
    new Writable({
      write(chunk, _encoding, done) {
        text[key] += String(chunk);
        done();
      },
    });
  const { out, err } = createStdioSinks(stream('out'), stream('err'));
  return { text, io: { out, err, env: {}, stdin: process.stdin, stdoutIsTTY: false, stderrIsTTY: false } };
}

const ran: string[][] = [];
const fake = (
  path: string[],
  run: CliCommand['run'] = async (argv) => {
    ran.push([...path, '|', ...argv]);
    return 0;
  },
): CliCommand => ({ path, summary: `${path.join(' ')} summary`, help: () => `help of ${path.join(' ')}\n`, run });
const commands = [
  fake(['serve']),
  fake(['token', 'rotate']),
  fake(['phone', 'add']),
  fake(['phone', 'list']),
  fake(['fails'], async () => {
    throw new ConfigError('cannot use the config directory /x: permission denied');
  }),
  fake(['misused'], async () => {
    throw new UsageError('--name is required');
  }),
];

describe('runCli: the subcommand dispatcher', () => {
  it.each([
    [
      ['--port', '0'],
      ['serve', '|', '--port', '0'],
    ],
    [
      ['serve', '--port', '0'],
      ['serve', '|', '--port', '0'],
    ],
    [
      ['token', 'rotate', '--config-dir', '/c'],
      ['token', 'rotate', '|', '--config-dir', '/c'],
    ],
    [
      ['phone', 'add', '--app', 'smsforwarder'],
      ['phone', 'add', '|', '--app', 'smsforwarder'],
    ],
  ])('%j runs %j', async (argv, expected) => {
    ran.length = 0;
    const { io: cliIo } = io();
    expect(await runCli(argv, cliIo, commands)).toBe(0);
    expect(ran).toEqual([expected]);
  });

  it.each([
    [['--help'], globalHelp(commands)],
    [['-h'], globalHelp(commands)],
    [['help'], globalHelp(commands)],
    [['help', 'phone', 'add'], 'help of phone add\n'],
    [['phone', 'list', '--help'], 'help of phone list\n'],
  ])('%j prints help', async (argv, expected) => {
    const { io: cliIo, text } = io();
    expect(await runCli(argv, cliIo, commands)).toBe(0);
    expect(text.out).toBe(expected);
  });

  it.each([
    [['phone'], 'otp-relay phone: choose one of phone add, phone list\n'],
    [['frobnicate'], `otp-relay: unknown command "frobnicate"\n\n${globalHelp(commands)}`],
    [['token', 'rotate', 'now'], /unknown command "token rotate now"/],
    [['misused'], 'otp-relay: --name is required\nRun "otp-relay misused --help" for the options.\n'],
  ])('%j is a usage error (exit 2)', async (argv, expected) => {
    const { io: cliIo, text } = io();
    expect(await runCli(argv, cliIo, commands)).toBe(2);
    expect(text.err).toMatch(expected);
  });

  it('a failing command prints one line and exits 1', async () => {
    const { io: cliIo, text } = io();
    expect(await runCli(['fails'], cliIo, commands)).toBe(1);
    expect(text.err).toBe('otp-relay: cannot use the config directory /x: permission denied\n');
  });

  it('the real table: serve first, then the token commands; the help lists each', () => {
    expect(COMMANDS.map((c) => c.path.join(' '))).toEqual([
      'serve',
      'token rotate',
      'token show',
      'mailbox add',
      'mailbox list',
      'mailbox remove',
      'status',
      'phone add',
      'phone list',
      'phone remove',
    ]);
    for (const command of COMMANDS) expect(globalHelp()).toContain(command.summary);
  });
});
