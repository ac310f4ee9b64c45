import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { printedToken, startCli } from '../test-kit/cli-test-kit.ts';
import { streamProtocols } from '../test-kit/relay-test-kit.ts';

// Issue 16: a relay whose parent went away (stdout and stderr closed) or stopped reading (pipes full) used to
// ignore SIGTERM for good: its stop path wrote a log line first and that write never returned.

/** Requests whose paths are logged (debug): 300 × 8 KB, far more than a pipe holds. */
async function logALot(url: string): Promise<number> {
  const path = `/${'x'.repeat(8000)}`;
  let logged = 0;
  for (let batch = 0; batch < 30; batch++) {
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const response = await fetch(`${url}${path}`);
        await response.arrayBuffer();
        logged += path.length;
      }),
    );
  }
  return logged;
}

/** A stream client that never answers the close handshake: a graceful stop then waits its 2 s for it. */
async function stubbornStreamClient(url: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/stream`, streamProtocols(token));
  await once(ws, 'open');
  ws.pause();
  return ws;
}

const readers = {
  'closed, after the parent went away': (cli: Awaited<ReturnType<typeof startCli>>) => {
    cli.child.stdout?.destroy();
    cli.child.stderr?.destroy();
  },
  'full, a parent that never reads': (cli: Awaited<ReturnType<typeof startCli>>) => {
    cli.child.stdout?.pause();
    cli.child.stderr?.pause();
  },
};

// Each test spawns a relay and sends it 300 requests: room for a loaded machine (the 10 s is measured inside).
describe.each(Object.entries(readers))('stdout and stderr %s', { timeout: 60_000 }, (readerState, leave) => {
  it('SIGTERM stops the relay within 10 s, and the relay served requests meanwhile', async () => {
    const cli = await startCli(['--port', '0', '--log-level', 'debug']);
    leave(cli);
    const before = cli.stderr().length;
    const logged = await logALot(cli.url);
    // Logging did not stop the event loop: the relay still answers.
    expect(await (await fetch(`${cli.url}/healthz`)).json()).toEqual({ ok: true });

    const started = Date.now();
    cli.child.kill('SIGTERM');
    const { code } = await cli.exited;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(0);
    if (readerState.startsWith('full')) {
      // The pipe really was full: lines were dropped instead of queued without bound or written blocking.
      cli.child.stderr?.resume();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(cli.stderr().length - before).toBeLessThan(logged / 2);
    }
  });

  it('a second SIGTERM exits at once, without waiting for the graceful stop', async () => {
    const cli = await startCli(['--port', '0', '--log-level', 'debug']);
    const token = printedToken(cli.stdout()) as string;
    const ws = await stubbornStreamClient(cli.url, token);
    leave(cli);
    await logALot(cli.url);

    cli.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = Date.now();
    cli.child.kill('SIGTERM');
    const { code } = await cli.exited;
    // The graceful stop would wait 2 s for the stubborn client; the second signal does not.
    expect(Date.now() - second).toBeLessThan(1900);
    expect(code).toBe(1);
    ws.terminate();
  });
});

describe('--exit-with-stdin, the lifeline a harness passes', () => {
  it('stops the relay gracefully when stdin closes (the parent died, even by SIGKILL)', async () => {
    const cli = await startCli(['--port', '0', '--exit-with-stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
    expect(await (await fetch(`${cli.url}/healthz`)).json()).toEqual({ ok: true });
    cli.child.stdin?.end();
    const started = Date.now();
    const { code } = await cli.exited;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(0);
    await expect(fetch(`${cli.url}/healthz`)).rejects.toThrow();
  });

  it('without the flag, a closed stdin changes nothing', async () => {
    const cli = await startCli(['--port', '0'], { stdio: ['pipe', 'pipe', 'pipe'] });
    cli.child.stdin?.end();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await (await fetch(`${cli.url}/healthz`)).json()).toEqual({ ok: true });
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });
});
