import pino from 'pino';
import { helpText, parseCliOptions } from './cli-options.ts';
import { createRelay } from './create-relay.ts';
import { createLogger } from './logger.ts';
import { pairingInstructions } from './pairing-instructions.ts';

/** How long a graceful stop may take before the process leaves anyway (SPEC: exit ≤ 10 s). */
const SHUTDOWN_DEADLINE_MS = 9000;

async function main(): Promise<void> {
  let config: ReturnType<typeof parseCliOptions>;
  try {
    config = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`otp-relay: ${(error as Error).message}\n\n${helpText()}`);
    process.exit(2);
  }
  if (config.help) {
    process.stdout.write(helpText());
    return;
  }
  // Logs go to stderr: stdout carries only the human-readable lines a harness parses.
  const logger = createLogger(config.options.logLevel, pino.destination(2));
  const relay = await createRelay({ ...config.options, logger });
  process.stdout.write(`otp-relay listening on ${relay.url}\n`);
  process.stdout.write(pairingInstructions(relay, config.options.testControls !== false));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping');
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`otp-relay: ${(error as Error).message}\n`);
  process.exit(1);
});
