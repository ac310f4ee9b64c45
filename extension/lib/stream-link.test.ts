import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { loadConnectionInfo } from './session-state.ts';
import { backgroundHarness, RELAY, TOKEN } from './testing/background-harness.ts';
import { hello } from './testing/relay-events.ts';

const h = backgroundHarness();

describe('diagnosing a stream that keeps failing', () => {
  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
  });

  it.each([
    ['relay unreachable', { up: false }, 'unreachable'],
    ['token rejected', { token: 'another-token' }, 'token-rejected'],
    ['socket refused though HTTP works', {}, 'reconnecting'],
  ] as const)('%s', async (_name, change, status) => {
    Object.assign(h.relay, change);
    const connection = h.background();
    await connection.start();
    h.sockets.latest().fail();
    await vi.waitFor(async () => expect((await loadConnectionInfo())?.status).toBe(status));
  });

  it('calls the stream refused when upgrades keep failing while HTTP takes the token', async () => {
    const connection = h.background();
    await connection.start();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(attempt));
      h.sockets.latest().fail();
      await vi.waitFor(() => expect(h.relay.calls.filter((c) => c === '/healthz')).toHaveLength(attempt));
    }
    await vi.waitFor(() => expect(connection.status).toBe('refused'));
    // It keeps trying: a relay restarted with --extension-id lets us in.
    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(4));
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 0 }));
    expect(connection.status).toBe('connected');
  });

  it('keeps trying a rejected token: the relay back on its port after another program held it takes us in', async () => {
    // What answers first cannot prove our token (another program on the port, or a relay with another token).
    h.relay.token = 'a-token-we-do-not-have';
    const connection = h.background();
    await connection.start();
    h.sockets.latest().fail();
    await vi.waitFor(() => expect(connection.status).toBe('token-rejected'));
    // It goes on trying (at the stream's backoff, 2 ms here, 30 s at most in the extension): each attempt that
    // fails is followed by another.
    for (let failed = 0; failed < 3; failed++) {
      const made = h.sockets.sockets.length;
      h.sockets.latest().fail();
      await vi.waitFor(() => expect(h.sockets.sockets.length).toBeGreaterThan(made));
    }
    expect(connection.status).toBe('token-rejected');
    // Once our relay answers again, the next attempt connects without a new pairing or a click.
    h.relay.token = TOKEN;
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 0 }));
    await vi.waitFor(() => expect(connection.status).toBe('connected'));
  });

  it('connects at once with a new token after a rejected one', async () => {
    h.relay.token = 'the-new-token-the-relay-printed';
    const connection = h.background();
    await connection.start();
    h.sockets.latest().fail();
    await vi.waitFor(() => expect(connection.status).toBe('token-rejected'));
    const made = h.sockets.sockets.length;
    await browser.storage.local.set({ token: h.relay.token });
    await vi.waitFor(() => expect(h.sockets.sockets.length).toBeGreaterThan(made));
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 0 }));
    expect(connection.status).toBe('connected');
  });
});
