import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createStdioSinks } from './stdio-sink.ts';

/** A stream that records what it got; `hold` keeps writes pending (a reader that does not read). */
function recorder(options: { fail?: string; hold?: boolean } = {}) {
  const got: string[] = [];
  const pending: Array<() => void> = [];
  let attempts = 0;
  let holding = options.hold === true;
  const stream = new Writable({
    highWaterMark: 16,
    write(chunk, _encoding, done) {
      attempts++;
      if (options.fail) return done(Object.assign(new Error('write failed'), { code: options.fail }));
      got.push(String(chunk));
      if (holding) pending.push(() => done());
      else done();
    },
  });
  return {
    stream,
    got,
    attempts: () => attempts,
    release: () => {
      holding = false;
      for (const done of pending.splice(0)) done();
    },
  };
}

describe('createStdioSinks', () => {
  it('a stream that fails is dropped after one line on the other stream, and never written again', async () => {
    const out = recorder({ fail: 'EPIPE' });
    const err = recorder();
    const sinks = createStdioSinks(out.stream, err.stream);
    sinks.out.write('first\n');
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 100; i++) sinks.out.write('more\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sinks.out.alive).toBe(false);
    expect(out.attempts()).toBe(1);
    expect(err.got).toEqual(['otp-relay: writing to stdout failed (EPIPE); its output is dropped from now on\n']);
  });

  it('when both fail, nothing throws and nothing loops', async () => {
    const sinks = createStdioSinks(recorder({ fail: 'EPIPE' }).stream, recorder({ fail: 'EBADF' }).stream);
    sinks.out.write('a\n');
    sinks.err.write('b\n');
    await new Promise((resolve) => setImmediate(resolve));
    sinks.out.write('c\n');
    expect([sinks.out.alive, sinks.err.alive]).toEqual([false, false]);
    await sinks.err.drain(10);
  });

  it('a reader that does not keep up: lines past the cap are dropped, then counted once it drains', async () => {
    const err = recorder({ hold: true });
    const sinks = createStdioSinks(recorder().stream, err.stream, 100);
    for (let i = 0; i < 50; i++) sinks.err.write(`line ${String(i).padStart(2, '0')}\n`);
    // 8 bytes a line: 12 fit under 100 bytes pending, the other 38 are dropped instead of queued.
    err.release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(err.got.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, i) => `line ${String(i).padStart(2, '0')}\n`));
    expect(err.got[12]).toBe('otp-relay: 38 line(s) were dropped while the reader of stderr was not keeping up\n');
  });

  it('drain waits for a reader that keeps up, and not for one that does not', async () => {
    const slow = recorder({ hold: true });
    const sinks = createStdioSinks(slow.stream, recorder().stream);
    sinks.out.write('x'.repeat(64));
    const started = Date.now();
    await sinks.out.drain(50);
    expect(Date.now() - started).toBeLessThan(1000);
    const drained = sinks.out.drain(5000);
    slow.release();
    await drained;
  });
});
