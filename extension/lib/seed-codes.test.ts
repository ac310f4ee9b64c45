import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { backgroundHarness, RELAY, TOKEN } from './testing/background-harness.ts';
import { hello, message, messageId } from './testing/relay-events.ts';

const h = backgroundHarness();

describe('seeding over HTTP', () => {
  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
  });

  it('fetches what is already live on the first connection to a relay (no cursor yet)', async () => {
    h.relay.messages = [message(7)];
    const connection = h.background();
    await connection.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 3 }));
    await vi.waitFor(() => expect(connection.codeState.codes.map((c) => c.messageId)).toEqual([messageId(7)]));
  });
});
