import { NONCE_PROTOCOL_PREFIX, STREAM_PROTOCOL } from '@otp-relay/shared/constants';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { loadCodeState, loadConnectionInfo } from './session-state.ts';
import { backgroundHarness, RELAY, TOKEN } from './testing/background-harness.ts';
import { hello, message, messageEvent } from './testing/relay-events.ts';

const h = backgroundHarness();

describe('pairing state', () => {
  it('is not paired without a token, and opens no socket', async () => {
    const connection = h.background();
    await connection.start();
    await connection.flushed();
    expect(h.sockets.sockets).toHaveLength(0);
    expect((await loadConnectionInfo())?.status).toBe('not-paired');
  });

  it('connects as soon as a harness writes relayUrl and token to storage.local', async () => {
    const connection = h.background();
    await connection.start();
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(1));
    const socket = h.sockets.latest();
    expect(socket.url).toBe('ws://127.0.0.1:8787/api/v1/stream');
    // A fresh nonce, never the token: the relay proves the token first (issue 13 item 1).
    expect(socket.protocols).toEqual([
      STREAM_PROTOCOL,
      expect.stringMatching(new RegExp(`^${NONCE_PROTOCOL_PREFIX}[0-9a-f]{32}$`)),
    ]);
    expect(socket.protocols.join()).not.toContain(TOKEN);
    socket.open();
    expect(socket.proved).toBe(true);
    socket.receive(hello({ seq: 0 }));
    await connection.flushed();
    expect((await loadConnectionInfo())?.status).toBe('connected');
  });

  it('does not miss a token written while the worker is still starting', async () => {
    const connection = h.background();
    const started = connection.start();
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
    await started;
    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(1));
  });
});

describe('settings changed while running', () => {
  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
  });

  it('forgets codes and cursor of another relay when the relay URL changes', async () => {
    const connection = h.background();
    await connection.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 1 }));
    h.sockets.latest().receive(messageEvent(message(1), { seq: 2 }));
    await browser.storage.local.set({ relayUrl: 'http://127.0.0.1:9999' });
    await vi.waitFor(() => expect(h.sockets.sockets).toHaveLength(2));
    await connection.flushed();
    const stored = await loadCodeState();
    expect(stored).toMatchObject({ relayUrl: 'http://127.0.0.1:9999', codes: [], cursor: null });
  });
});
