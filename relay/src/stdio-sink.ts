import type { Writable } from 'node:stream';

/** A line-oriented output that never blocks and never throws: what the relay's logs and printed lines go to. */
export interface Sink {
  write(text: string): void;
  /** False once the stream failed (reader gone, fd closed): everything written after that is dropped. */
  readonly alive: boolean;
  /** Resolves once what is queued has been handed to the OS, or after `timeoutMs`, whichever is first. */
  drain(timeoutMs: number): Promise<void>;
}

export interface StdioSinks {
  out: Sink;
  err: Sink;
}

/**
 * How much may wait in memory for a slow reader before lines are dropped. Node's stdout/stderr pipes are
 * non-blocking and queue without limit; a reader that never reads would otherwise grow the relay forever.
 */
const MAX_PENDING_BYTES = 1024 * 1024;

/**
 * Wraps stdout and stderr so that writing can never stop the relay. The old destination, `pino.destination(2)`,
 * wrote with `fs.writeSync`: once a piped stderr was full (a parent that stopped reading) it blocked the event
 * loop for good, and after the reader went away every write failed and was retried, so SIGTERM's "stopping"
 * line never returned and the relay outlived its parent by hours (issue 16). Here a full pipe drops lines (counted,
 * reported once the reader catches up) and a failed stream is dropped with one line on the other one.
 */
export function createStdioSinks(
  stdout: Writable = process.stdout,
  stderr: Writable = process.stderr,
  maxPendingBytes = MAX_PENDING_BYTES,
): StdioSinks {
  const out = streamSink(stdout, 'stdout', maxPendingBytes, () => err);
  const err = streamSink(stderr, 'stderr', maxPendingBytes, () => out);
  return { out, err };
}

function streamSink(stream: Writable, name: string, maxPendingBytes: number, other: () => Sink): Sink {
  let alive = true;
  let dropped = 0;
  const fail = (error: Error & { code?: string }) => {
    if (!alive) return;
    alive = false;
    const reason = error.code ?? error.message;
    other().write(`otp-relay: writing to ${name} failed (${reason}); its output is dropped from now on\n`);
  };
  // Without a listener an EPIPE on a stdio stream is an uncaught exception.
  stream.on('error', fail);
  stream.on('drain', () => {
    if (dropped === 0 || !alive) return;
    const note = `otp-relay: ${dropped} line(s) were dropped while the reader of ${name} was not keeping up\n`;
    dropped = 0;
    stream.write(note);
  });
  return {
    get alive() {
      return alive && !stream.destroyed && stream.writable;
    },
    write(text: string) {
      if (!alive || stream.destroyed || !stream.writable) return;
      if (stream.writableLength + text.length > maxPendingBytes) {
        dropped++;
        return;
      }
      try {
        stream.write(text);
      } catch (error) {
        fail(error as Error);
      }
    },
    async drain(timeoutMs: number) {
      if (!alive || stream.writableLength === 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        stream.once('drain', done);
        stream.once('error', done);
        function done() {
          clearTimeout(timer);
          stream.off('drain', done);
          stream.off('error', done);
          resolve();
        }
      });
    },
  };
}
