import type { Sink } from '../stdio-sink.ts';

/** What a command reads and writes: the process's streams behind never-blocking sinks, and its environment. */
export interface CliIo {
  out: Sink;
  err: Sink;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  /** Whether stdout / stderr are terminals (pretty logs, colours). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

/**
 * One `otp-relay` subcommand. To add one (`phone add`, `mailbox add`, `status`…): write a `CliCommand` in its own
 * file here and list it in COMMANDS (commands.ts); --help, `otp-relay help <command>` and the command list in the
 * global help follow from the table.
 */
export interface CliCommand {
  /** The words that select it: ['token', 'rotate']. */
  path: readonly string[];
  /** True when words after the command's own are its arguments (`mailbox add <url>`), not an unknown command. */
  takesArguments?: boolean;
  /** One line for the command list in --help. */
  summary: string;
  /** The full --help text of this command. */
  help(): string;
  /**
   * Runs with the arguments after the command words; resolves with the exit code (a long-running command
   * resolves when it stops). Throw UsageError for a bad command line (exit 2), anything else for exit 1:
   * its message is printed as one line.
   */
  run(argv: string[], io: CliIo): Promise<number>;
}
