import { flagRows, SERVE_FLAGS, UsageError } from '../cli-options.ts';
import type { CliCommand, CliIo } from './command.ts';
import { COMMANDS } from './commands.ts';

/**
 * The dispatcher: the leading words of the command line choose a command (the longest match in the table),
 * the rest are its flags. No words runs the first command (the relay). Resolves with the exit code:
 * 0 done, 1 failed (one line saying why), 2 a command line that cannot be understood.
 */
export async function runCli(argv: string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) break;
    words.push(arg);
  }
  if (words[0] === 'help') {
    const target = match(commands, words.slice(1));
    io.out.write(target && target.path.length > 0 && words.length > 1 ? target.help() : globalHelp(commands));
    return 0;
  }
  const command = words.length === 0 ? commands[0] : match(commands, words);
  if (!command) {
    const partial = commands.filter((c) => words.every((word, i) => c.path[i] === word));
    io.err.write(
      partial.length > 0
        ? `otp-relay ${words.join(' ')}: choose one of ${partial.map((c) => c.path.join(' ')).join(', ')}\n`
        : `otp-relay: unknown command "${words.join(' ')}"\n\n${globalHelp(commands)}`,
    );
    return 2;
  }
  const rest = argv.slice(words.length === 0 ? 0 : command.path.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out.write(command === commands[0] ? globalHelp(commands) : command.help());
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof UsageError) {
      const words = command === commands[0] ? '' : ` ${command.path.join(' ')}`;
      io.err.write(`otp-relay: ${message}\nRun "otp-relay${words} --help" for the options.\n`);
      return 2;
    }
    io.err.write(`otp-relay: ${message}\n`);
    return 1;
  }
}

function match(commands: readonly CliCommand[], words: string[]): CliCommand | undefined {
  let best: CliCommand | undefined;
  for (const command of commands) {
    const fits = command.path.length <= words.length && command.path.every((word, i) => words[i] === word);
    if (fits && command.path.length > (best?.path.length ?? 0)) best = command;
  }
  // Words left over after the longest match are not flags: e.g. `token rotate now`.
  return best && (best.path.length === words.length || best.takesArguments) ? best : undefined;
}

/** `otp-relay --help`: the commands, then the relay's own options. */
export function globalHelp(commands: readonly CliCommand[] = COMMANDS): string {
  const rows = commands.map((c) => `  ${c.path.join(' ').padEnd(20)}${c.summary}`);
  return [
    'Usage: otp-relay [command] [options]',
    '',
    'A local verification-code relay.',
    '',
    'Commands:',
    ...rows,
    `  ${'help [command]'.padEnd(20)}show the options of a command`,
    '',
    'Options of the relay (environment twin in brackets):',
    ...flagRows(SERVE_FLAGS),
    '',
  ].join('\n');
}
