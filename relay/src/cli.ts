import { runCli } from './commands/run-cli.ts';
import { createStdioSinks } from './stdio-sink.ts';

// The entry point of `otp-relay`: every command is in commands/; this only wires the process to them.
const { out, err } = createStdioSinks();
const code = await runCli(process.argv.slice(2), {
  out,
  err,
  env: process.env,
  // A getter: touching process.stdin opens it, which only the lifeline (--exit-with-stdin) needs.
  get stdin() {
    return process.stdin;
  },
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
}).catch((error: unknown) => {
  err.write(`otp-relay: ${(error as Error).message}\n`);
  return 1;
});
// Give the last lines a moment to reach a reader that is keeping up; never wait for one that is not.
await Promise.all([out.drain(200), err.drain(200)]);
process.exit(code);
