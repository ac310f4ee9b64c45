import { afterEach, beforeEach, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Background, type BackgroundOptions, createBackground } from '../create-background.ts';
import { type FakeRelayHttp, fakeRelayFetch } from './fake-relay-fetch.ts';
import { socketFactory } from './fake-socket.ts';
import { T0 } from './relay-events.ts';

export const RELAY = 'http://127.0.0.1:8787';
export const TOKEN = 'a'.repeat(32);

export interface BackgroundHarness {
  /** What the fake relay's HTTP side answers (and which paths were called). */
  readonly relay: FakeRelayHttp;
  /** Every socket the background opened; the test plays the relay's side. */
  readonly sockets: ReturnType<typeof socketFactory>;
  /** A background (the real wiring of lib/create-background.ts) on fake sockets, HTTP and clock. */
  background(options?: Partial<BackgroundOptions>): Background;
  /** Stops a background the way a killed service worker does: nothing more runs, storage.session stays. */
  killWorker(background: Background): Promise<void>;
}

/** Registers beforeEach/afterEach for tests of the background's parts; call at the top of a test file. */
export function backgroundHarness(): BackgroundHarness {
  let relay: FakeRelayHttp;
  let sockets: ReturnType<typeof socketFactory>;
  const running: Background[] = [];

  beforeEach(() => {
    fakeBrowser.reset();
    relay = { up: true, token: TOKEN, messages: [], calls: [] };
    sockets = socketFactory(() => relay.token);
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);
    // The fake browser has no pages to inject into; the autofill parts an arm or a submit needs are injected
    // before the request is sent (content-bridge.ts). Tests that count injections spy on it again.
    vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([] as never);
  });
  afterEach(() => {
    for (const background of running.splice(0)) background.stop();
    vi.restoreAllMocks();
  });

  return {
    get relay() {
      return relay;
    },
    get sockets() {
      return sockets;
    },
    background(options = {}) {
      const background = createBackground({
        createSocket: sockets.create,
        fetch: fakeRelayFetch(relay),
        now: () => T0,
        backoffBaseMs: 1,
        backoffCapMs: 2,
        ...options,
      });
      running.push(background);
      return background;
    },
    async killWorker(background) {
      await background.flushed();
      background.stop();
    },
  };
}
