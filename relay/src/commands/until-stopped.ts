import type { Logger } from 'pino';

/** How long a graceful stop may take before the process leaves anyway (SPEC: exit ≤ 10 s). */
export const SHUTDOWN_DEADLINE_MS = 9000;

export interface StopOptions {
  logger: Logger;
  /** The lifeline: stop when this stream ends (the harness's pipe closes when the harness dies, even by SIGKILL). */
  stdin?: NodeJS.ReadableStream | undefined;
  deadlineMs?: number;
}

/**
 * Resolves with the exit code once `close` finished after SIGINT, SIGTERM or the end of stdin. A second signal
 * leaves at once; the deadline timer is armed before anything else runs, and nothing on this path can block
 * (logs go through never-blocking sinks), so a relay always stops within the deadline.
 */
export function untilStopped(close: () => Promise<void>, options: StopOptions): Promise<number> {
  const { logger, stdin, deadlineMs = SHUTDOWN_DEADLINE_MS } = options;
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (reason: string) => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => {
        logger.error({ deadlineMs }, 'graceful stop took too long; leaving anyway');
        resolve(1);
      }, deadlineMs);
      logger.info({ reason }, 'stopping');
      close().then(
        () => resolve(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stop failed');
          resolve(1);
        },
      );
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(1);
      stop(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    if (stdin) {
      const lifelineEnded = () => stop('stdin closed');
      stdin.on('end', lifelineEnded);
      stdin.on('close', lifelineEnded);
      stdin.on('error', lifelineEnded);
      // Read (and drop) whatever arrives, or 'end' is never seen.
      stdin.resume();
    }
  });
}
