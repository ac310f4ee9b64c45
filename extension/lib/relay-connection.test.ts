import { STREAM_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '@otp-relay/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RelayConnection } from './relay-connection.ts';
import { loadCodeState, loadConnectionInfo } from './session-state.ts';
import { type FakeRelayHttp, fakeRelayFetch } from './testing/fake-relay-fetch.ts';
import { socketFactory } from './testing/fake-socket.ts';
import {
  EPOCH,
  expiredEvent,
  hello,
  message,
  messageEvent,
  messageId,
  T0,
  verification,
  verificationEvent,
} from './testing/relay-events.ts';

const RELAY = 'http://127.0.0.1:8787';
const TOKEN = 'a'.repeat(32);

let relay: FakeRelayHttp;
let sockets: ReturnType<typeof socketFactory>;
const running: RelayConnection[] = [];

function startConnection(): RelayConnection {
  const connection = new RelayConnection({
    createSocket: sockets.create,
    fetch: fakeRelayFetch(relay),
    now: () => T0,
    backoffBaseMs: 1,
    backoffCapMs: 2,
  });
  running.push(connection);
  return connection;
}

/** Stops a connection the way a killed service worker does: nothing more runs, storage.session stays. */
async function killWorker(connection: RelayConnection): Promise<void> {
  await connection.flushed();
  connection.stop();
}

beforeEach(() => {
  fakeBrowser.reset();
  relay = { up: true, token: TOKEN, messages: [], calls: [] };
  sockets = socketFactory();
  vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);
});

afterEach(() => {
  for (const connection of running.splice(0)) connection.stop();
  vi.restoreAllMocks();
});

describe('pairing state', () => {
  it('is not paired without a token, and opens no socket', async () => {
    const connection = startConnection();
    await connection.start();
    await connection.flushed();
    expect(sockets.sockets).toHaveLength(0);
    expect((await loadConnectionInfo())?.status).toBe('not-paired');
  });

  it('connects as soon as a harness writes relayUrl and token to storage.local', async () => {
    const connection = startConnection();
    await connection.start();
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
    await vi.waitFor(() => expect(sockets.sockets).toHaveLength(1));
    const socket = sockets.latest();
    expect(socket.url).toBe('ws://127.0.0.1:8787/api/v1/stream');
    expect(socket.protocols).toEqual([STREAM_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${TOKEN}`]);
    socket.open();
    socket.receive(hello({ seq: 0 }));
    await connection.flushed();
    expect((await loadConnectionInfo())?.status).toBe('connected');
  });

  it('does not miss a token written while the worker is still starting', async () => {
    const connection = startConnection();
    const started = connection.start();
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
    await started;
    await vi.waitFor(() => expect(sockets.sockets).toHaveLength(1));
  });
});

describe('codes, cursor and badge', () => {
  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
  });

  it('keeps codes and the resume cursor in storage.session, and counts live codes on the badge', async () => {
    const connection = startConnection();
    await connection.start();
    const socket = sockets.latest();
    socket.open();
    socket.receive(hello({ seq: 4 }));
    socket.receive(messageEvent(message(1), { seq: 5 }));
    socket.receive(messageEvent(message(2, { origin: 'http://localhost:3000' }), { seq: 6 }));
    await connection.flushed();
    const stored = await loadCodeState();
    expect(stored?.cursor).toEqual({ epoch: EPOCH, seq: 6 });
    expect(stored?.codes.map((c) => c.messageId).sort()).toEqual([messageId(1), messageId(2)]);
    expect(await browser.action.getBadgeText({})).toBe('2');

    socket.receive(expiredEvent(1, { seq: 7 }));
    await connection.flushed();
    expect(await browser.action.getBadgeText({})).toBe('1');
  });

  it('resumes exactly where it was after a worker restart, with the codes it had', async () => {
    const first = startConnection();
    await first.start();
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: 10 }));
    sockets.latest().receive(messageEvent(message(1), { seq: 11 }));
    await killWorker(first);

    const second = startConnection();
    await second.start();
    expect(second.codeState.codes.map((c) => c.messageId)).toEqual([messageId(1)]);
    const socket = sockets.latest();
    socket.open();
    socket.receive(hello({ seq: 12 }));
    expect(socket.sent).toContainEqual({ type: 'resume', epoch: EPOCH, since: 11 });
    // The relay replays what came after 11; an overlap (11 again) is dropped by the stream client.
    socket.receive(messageEvent(message(1), { seq: 11 }));
    socket.receive(messageEvent(message(2), { seq: 12 }));
    await second.flushed();
    const stored = await loadCodeState();
    expect(stored?.cursor).toEqual({ epoch: EPOCH, seq: 12 });
    expect(stored?.codes).toHaveLength(2);
  });

  it('greys codes that expired while no worker ran, as soon as a new one starts', async () => {
    const first = startConnection();
    await first.start();
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: 1 }));
    sockets.latest().receive(messageEvent(message(1, { expiresAt: new Date(T0 + 1_000).toISOString() }), { seq: 2 }));
    await killWorker(first);

    const later = new RelayConnection({
      createSocket: sockets.create,
      fetch: fakeRelayFetch(relay),
      now: () => T0 + 2_000,
    });
    running.push(later);
    await later.start();
    expect(later.codeState.codes[0]?.expiredAtLocal).toBe(T0 + 2_000);
    await later.flushed();
    expect(await browser.action.getBadgeText({})).toBe('');
  });

  it('fetches what is already live on the first connection to a relay (no cursor yet)', async () => {
    relay.messages = [message(7)];
    const connection = startConnection();
    await connection.start();
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: 3 }));
    await vi.waitFor(() => expect(connection.codeState.codes.map((c) => c.messageId)).toEqual([messageId(7)]));
  });

  it('forgets codes and cursor of another relay when the relay URL changes', async () => {
    const connection = startConnection();
    await connection.start();
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: 1 }));
    sockets.latest().receive(messageEvent(message(1), { seq: 2 }));
    await browser.storage.local.set({ relayUrl: 'http://127.0.0.1:9999' });
    await vi.waitFor(() => expect(sockets.sockets).toHaveLength(2));
    await connection.flushed();
    const stored = await loadCodeState();
    expect(stored).toMatchObject({ relayUrl: 'http://127.0.0.1:9999', codes: [], cursor: null });
  });
});

/** Holds every storage.session write until `release()`, as a slow storage would; later writes pass through. */
function holdSessionWrites() {
  const set = browser.storage.session.set.bind(browser.storage.session);
  const held: Array<() => void> = [];
  let open = false;
  const spy = vi.spyOn(browser.storage.session, 'set').mockImplementation(((items: Record<string, unknown>) =>
    open
      ? set(items)
      : new Promise<void>((resolve) => {
          held.push(() => void set(items).then(resolve));
        })) as never);
  return {
    spy,
    release() {
      open = true;
      for (const write of held.splice(0)) write();
    },
  };
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a burst of codes (bench figure 5)', () => {
  const N = 60;

  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
  });

  it('holds every code in memory and arms each as it arrives, with few storage writes, ending complete', async () => {
    const tab = await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: false, reason: 'armed' } as never);
    const connection = startConnection();
    await connection.start();
    const socket = sockets.latest();
    socket.open();
    socket.receive(hello({ seq: 0 }));
    await connection.flushed();
    const seen: Array<{ codes: unknown[]; cursor: { seq: number } | null }> = [];
    browser.storage.onChanged.addListener((changes, area) => {
      const value = changes.codeState?.newValue as (typeof seen)[number] | undefined;
      if (area === 'session' && value) seen.push(value);
    });
    const writes = holdSessionWrites();

    // One frame per task, as a WebSocket delivers them, while the first write is still in flight.
    for (let n = 1; n <= N; n++) {
      socket.receive(messageEvent(message(n), { seq: n }));
      expect(connection.codeState.codes).toHaveLength(n);
      expect(connection.codeState.cursor).toEqual({ epoch: EPOCH, seq: n });
      await nextTask();
    }
    // Arming did not wait for storage: every code reached the tab before any write landed.
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(N));
    expect(send).toHaveBeenCalledWith(tab.id, expect.objectContaining({ code: message(N).code }), { frameId: 0 });

    writes.release();
    await connection.flushed();
    const stored = await loadCodeState();
    expect(stored?.codes).toHaveLength(N);
    expect(stored?.cursor).toEqual({ epoch: EPOCH, seq: N });
    // The one write in flight, then the latest state once.
    expect(writes.spy).toHaveBeenCalledTimes(2);
    // Every state the popup saw kept codes and cursor together (event n brought code n), the last one complete.
    for (const state of seen) expect(state.codes).toHaveLength(state.cursor?.seq ?? -1);
    expect(seen.at(-1)?.codes).toHaveLength(N);
  });

  it('resumes after a worker restart from the cursor of the codes it saved', async () => {
    const first = startConnection();
    await first.start();
    const socket = sockets.latest();
    socket.open();
    socket.receive(hello({ seq: 0 }));
    for (let n = 1; n <= N; n++) socket.receive(messageEvent(message(n), { seq: n }));
    await killWorker(first);

    const second = startConnection();
    await second.start();
    expect(second.codeState.codes).toHaveLength(N);
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: N }));
    expect(sockets.latest().sent).toContainEqual({ type: 'resume', epoch: EPOCH, since: N });
  });

  it('calls the badge API only when its text or colour changes', async () => {
    const connection = startConnection();
    await connection.start();
    const socket = sockets.latest();
    socket.open();
    socket.receive(hello({ seq: 0 }));
    socket.receive(messageEvent(message(1), { seq: 1 }));
    await connection.flushed();
    expect(await browser.action.getBadgeText({})).toBe('1');
    const text = vi.spyOn(browser.action, 'setBadgeText');
    const color = vi.spyOn(browser.action, 'setBadgeBackgroundColor');

    // Same count, same status: nothing to repaint.
    socket.receive(verificationEvent(verification(1, { status: 'pending' }), { seq: 2 }));
    await connection.flushed();
    expect(text).not.toHaveBeenCalled();
    expect(color).not.toHaveBeenCalled();

    // One more code: the text changes, the colour does not.
    socket.receive(messageEvent(message(2), { seq: 3 }));
    await connection.flushed();
    expect(text).toHaveBeenCalledExactlyOnceWith({ text: '2' });
    expect(color).not.toHaveBeenCalled();

    // The link drops: grey, same count.
    socket.fail();
    await vi.waitFor(() => expect(connection.status).toBe('reconnecting'));
    await connection.flushed();
    expect(text).toHaveBeenCalledTimes(1);
    expect(color).toHaveBeenCalledExactlyOnceWith({ color: '#80868b' });
  });
});

describe('diagnosing a stream that keeps failing', () => {
  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
  });

  it.each([
    ['relay unreachable', { up: false }, 'unreachable'],
    ['token rejected', { token: 'another-token' }, 'token-rejected'],
    ['socket refused though HTTP works', {}, 'reconnecting'],
  ] as const)('%s', async (_name, change, status) => {
    Object.assign(relay, change);
    const connection = startConnection();
    await connection.start();
    sockets.latest().fail();
    await vi.waitFor(async () => expect((await loadConnectionInfo())?.status).toBe(status));
  });

  it('calls the stream refused when upgrades keep failing while HTTP takes the token', async () => {
    const connection = startConnection();
    await connection.start();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await vi.waitFor(() => expect(sockets.sockets).toHaveLength(attempt));
      sockets.latest().fail();
      await vi.waitFor(() => expect(relay.calls.filter((c) => c === '/healthz')).toHaveLength(attempt));
    }
    await vi.waitFor(() => expect(connection.status).toBe('refused'));
    // It keeps trying: a relay restarted with --extension-id lets us in.
    await vi.waitFor(() => expect(sockets.sockets).toHaveLength(4));
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: 0 }));
    expect(connection.status).toBe('connected');
  });

  it('stops retrying a rejected token until the token changes', async () => {
    relay.token = 'the-new-token-the-relay-printed';
    const connection = startConnection();
    await connection.start();
    sockets.latest().fail();
    await vi.waitFor(() => expect(connection.status).toBe('token-rejected'));
    const made = sockets.sockets.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sockets.sockets).toHaveLength(made);

    await browser.storage.local.set({ token: relay.token });
    await vi.waitFor(() => expect(sockets.sockets.length).toBeGreaterThan(made));
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: 0 }));
    expect(connection.status).toBe('connected');
  });
});

describe('auto-fill of an arriving code', () => {
  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
  });

  it('arms only tabs showing exactly the code’s origin, when auto-fill is on for it', async () => {
    const exact = await browser.tabs.create({ url: `${RELAY}/demo/login` });
    await browser.tabs.create({ url: 'http://localhost:8787/demo/login' });
    await browser.tabs.create({ url: 'http://127.0.0.1:8788/demo/login' });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const connection = startConnection();
    await connection.start();
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: 0 }));
    sockets.latest().receive(messageEvent(message(1), { seq: 1 }));
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send).toHaveBeenCalledWith(
      exact.id,
      expect.objectContaining({ type: 'otp-relay/arm', code: '100001', origin: RELAY, submit: false }),
      { frameId: 0 },
    );
  });

  it('follows auto-fill settings changed while connected', async () => {
    await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const connection = startConnection();
    await connection.start();
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: 0 }));
    await browser.storage.local.set({ autoFillOrigins: [] });
    await vi.waitFor(() => expect(connection.settings?.autoFillOrigins).toEqual([]));
    sockets.latest().receive(messageEvent(message(1), { seq: 1 }));
    await connection.flushed();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(send).not.toHaveBeenCalled();
    expect(sockets.sockets).toHaveLength(1);
  });

  it('does nothing for an origin the user did not turn auto-fill on for', async () => {
    await browser.storage.local.set({ autoFillOrigins: [] });
    await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const connection = startConnection();
    await connection.start();
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: 0 }));
    sockets.latest().receive(messageEvent(message(1), { seq: 1 }));
    await connection.flushed();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(send).not.toHaveBeenCalled();
  });
});

describe('auto-fill of a page that loads after its code arrived (tabs.onUpdated)', () => {
  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
  });

  const COMPLETE = { status: 'complete' } as const;

  async function connectedWith(...codes: ReturnType<typeof message>[]): Promise<RelayConnection> {
    const connection = startConnection();
    await connection.start();
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: 0 }));
    codes.forEach((code, index) => {
      sockets.latest().receive(messageEvent(code, { seq: index + 1 }));
    });
    await connection.flushed();
    return connection;
  }

  it('arms a tab that finishes loading on the origin with its newest live code', async () => {
    const connection = await connectedWith(
      message(1, { createdAt: new Date(T0).toISOString() }),
      message(2, { createdAt: new Date(T0 + 1_000).toISOString() }),
    );
    const tab = await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: false, reason: 'armed' } as never);
    expect(await connection.armLoadedTab(tab.id as number, COMPLETE, tab)).toBe(true);
    expect(send).toHaveBeenCalledWith(
      tab.id,
      expect.objectContaining({ type: 'otp-relay/arm', code: message(2).code, origin: RELAY }),
      { frameId: 0 },
    );
  });

  it('does not arm a code that was already filled (on arrival, by Fill or by the shortcut)', async () => {
    const first = await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const connection = await connectedWith(message(1));
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith(first.id, expect.anything(), { frameId: 0 }));
    const later = await browser.tabs.create({ url: `${RELAY}/demo/confirm` });
    send.mockClear();
    expect(await connection.armLoadedTab(later.id as number, COMPLETE, later)).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });

  it('does not arm a code that expired', async () => {
    const connection = await connectedWith(message(1, { expiresAt: new Date(T0 - 1).toISOString() }));
    const tab = await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    expect(await connection.armLoadedTab(tab.id as number, COMPLETE, tab)).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });

  it('does nothing where auto-fill is off', async () => {
    await browser.storage.local.set({ autoFillOrigins: [] });
    const connection = await connectedWith(message(1));
    const tab = await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    expect(await connection.armLoadedTab(tab.id as number, COMPLETE, tab)).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });
});

describe('keyboard shortcut: fill the newest code for the active tab', () => {
  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN, autoFillOrigins: [] });
    await browser.windows.create({ focused: true });
  });

  async function connectedWithCodes(): Promise<RelayConnection> {
    const connection = startConnection();
    await connection.start();
    sockets.latest().open();
    sockets.latest().receive(hello({ seq: 0 }));
    sockets.latest().receive(messageEvent(message(1, { createdAt: new Date(T0).toISOString() }), { seq: 1 }));
    sockets.latest().receive(messageEvent(message(2, { createdAt: new Date(T0 + 1_000).toISOString() }), { seq: 2 }));
    sockets.latest().receive(
      messageEvent(message(3, { origin: 'http://localhost:8787', createdAt: new Date(T0 + 2_000).toISOString() }), {
        seq: 3,
      }),
    );
    await connection.flushed();
    return connection;
  }

  it('fills the newest code whose origin is exactly the tab’s', async () => {
    const tab = await browser.tabs.create({ url: `${RELAY}/demo/login`, active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const connection = await connectedWithCodes();
    expect(await connection.fillNewest()).toMatchObject({ ok: true });
    expect(send).toHaveBeenCalledWith(
      tab.id,
      { type: 'otp-relay/fill', code: message(2).code, origin: RELAY, submit: false },
      { frameId: 0 },
    );
  });

  it.each([
    ['a site with no code', 'https://seller.example.com/verify'],
    ['same host, other port', 'http://127.0.0.1:8788/demo/login'],
  ])('fills nothing on %s', async (_name, url) => {
    await browser.tabs.create({ url, active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    const connection = await connectedWithCodes();
    expect(await connection.fillNewest()).toMatchObject({ ok: false, reason: 'no-code' });
    expect(send).not.toHaveBeenCalled();
  });

  it('fills any live code picked in the popup, not only the newest', async () => {
    await browser.tabs.create({ url: `${RELAY}/demo/login`, active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const connection = await connectedWithCodes();
    expect(await connection.fillCode(messageId(1))).toMatchObject({ ok: true });
    expect(send).toHaveBeenCalledWith(expect.any(Number), expect.objectContaining({ code: message(1).code }), {
      frameId: 0,
    });
  });

  it('fills a code picked in the popup only on its own origin', async () => {
    await browser.tabs.create({ url: 'http://localhost:8787/demo/login', active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    const connection = await connectedWithCodes();
    expect(await connection.fillCode(messageId(2))).toMatchObject({ ok: false, reason: 'wrong-origin' });
    expect(send).not.toHaveBeenCalled();
  });
});
