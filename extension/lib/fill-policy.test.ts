import type { Message } from '@otp-relay/shared/message';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { Background } from './create-background.ts';
import { SESSION_KEYS } from './session-state.ts';
import { backgroundHarness, RELAY, TOKEN } from './testing/background-harness.ts';
import { hello, inboundMessage, iso, message, messageEvent, messageId, T0 } from './testing/relay-events.ts';

const h = backgroundHarness();

describe('auto-fill of an arriving code', () => {
  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
  });

  it('arms only tabs showing exactly the code’s origin, when auto-fill is on for it', async () => {
    const exact = await browser.tabs.create({ url: `${RELAY}/demo/login` });
    await browser.tabs.create({ url: 'http://localhost:8787/demo/login' });
    await browser.tabs.create({ url: 'http://127.0.0.1:8788/demo/login' });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const connection = h.background();
    await connection.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 0 }));
    h.sockets.latest().receive(messageEvent(message(1), { seq: 1 }));
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send).toHaveBeenCalledWith(
      exact.id,
      expect.objectContaining({ type: 'otp-relay/arm', code: '100001', origin: RELAY, submit: false }),
      { frameId: 0 },
    );
  });

  it('writes down what it decided for each arriving code, armed or not (storage.session autoFillLog)', async () => {
    await browser.tabs.create({ url: `${RELAY}/demo/login` });
    vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: false, reason: 'armed' } as never);
    const connection = h.background();
    await connection.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 0 }));
    h.sockets.latest().receive(messageEvent(message(1), { seq: 1 }));
    h.sockets.latest().receive(messageEvent(message(2, { origin: 'https://seller.example.com' }), { seq: 2 }));
    const log = async () => (await browser.storage.session.get(SESSION_KEYS.autoFill))[SESSION_KEYS.autoFill];
    await vi.waitFor(async () => {
      await connection.flushed();
      expect(await log()).toHaveLength(2);
    });
    expect(await log()).toEqual(
      expect.arrayContaining([
        { messageId: messageId(1), armedTabs: 1, at: T0 },
        { messageId: messageId(2), armedTabs: 0, at: T0 },
      ]),
    );
  });

  it('follows auto-fill settings changed while connected', async () => {
    await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const connection = h.background();
    await connection.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 0 }));
    await browser.storage.local.set({ autoFillOrigins: [] });
    await vi.waitFor(() => expect(connection.settings?.autoFillOrigins).toEqual([]));
    h.sockets.latest().receive(messageEvent(message(1), { seq: 1 }));
    await connection.flushed();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(send).not.toHaveBeenCalled();
    expect(h.sockets.sockets).toHaveLength(1);
  });

  it('does nothing for an origin the user did not turn auto-fill on for', async () => {
    await browser.storage.local.set({ autoFillOrigins: [] });
    await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const connection = h.background();
    await connection.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 0 }));
    h.sockets.latest().receive(messageEvent(message(1), { seq: 1 }));
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

  async function connectedWith(...codes: ReturnType<typeof message>[]): Promise<Background> {
    const connection = h.background();
    await connection.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 0 }));
    codes.forEach((code, index) => {
      h.sockets.latest().receive(messageEvent(code, { seq: index + 1 }));
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
    expect(await connection.fill.armLoadedTab(tab.id as number, COMPLETE, tab)).toBe(true);
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
    expect(await connection.fill.armLoadedTab(later.id as number, COMPLETE, later)).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });

  it('does not arm a code that expired', async () => {
    const connection = await connectedWith(message(1, { expiresAt: new Date(T0 - 1).toISOString() }));
    const tab = await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    expect(await connection.fill.armLoadedTab(tab.id as number, COMPLETE, tab)).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });

  it('does nothing where auto-fill is off', async () => {
    await browser.storage.local.set({ autoFillOrigins: [] });
    const connection = await connectedWith(message(1));
    const tab = await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    expect(await connection.fill.armLoadedTab(tab.id as number, COMPLETE, tab)).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });
});

describe('keyboard shortcut: fill the newest code for the active tab', () => {
  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN, autoFillOrigins: [] });
    await browser.windows.create({ focused: true });
  });

  async function connectedWithCodes(): Promise<Background> {
    const connection = h.background();
    await connection.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 0 }));
    h.sockets.latest().receive(messageEvent(message(1, { createdAt: new Date(T0).toISOString() }), { seq: 1 }));
    h.sockets.latest().receive(messageEvent(message(2, { createdAt: new Date(T0 + 1_000).toISOString() }), { seq: 2 }));
    h.sockets.latest().receive(
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
    expect(await connection.fill.fillNewest()).toMatchObject({ ok: true });
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
    expect(await connection.fill.fillNewest()).toMatchObject({ ok: false, reason: 'no-code' });
    expect(send).not.toHaveBeenCalled();
  });

  it('fills any live code picked in the popup, not only the newest', async () => {
    await browser.tabs.create({ url: `${RELAY}/demo/login`, active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const connection = await connectedWithCodes();
    expect(await connection.fill.fillCode(messageId(1))).toMatchObject({ ok: true });
    expect(send).toHaveBeenCalledWith(expect.any(Number), expect.objectContaining({ code: message(1).code }), {
      frameId: 0,
    });
  });

  it('fills a code picked in the popup only on its own origin', async () => {
    await browser.tabs.create({ url: 'http://localhost:8787/demo/login', active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    const connection = await connectedWithCodes();
    expect(await connection.fill.fillCode(messageId(2))).toMatchObject({ ok: false, reason: 'wrong-origin' });
    expect(send).not.toHaveBeenCalled();
  });
});

describe('codes from elsewhere (inbound SMS and email)', () => {
  const PAGE = 'https://seller-us.tiktok.com';

  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
    await browser.windows.create({ focused: true });
  });

  async function connectedWith(...codes: Message[]): Promise<Background> {
    const connection = h.background();
    await connection.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 0 }));
    codes.forEach((code, index) => {
      h.sockets.latest().receive(messageEvent(code, { seq: index + 1 }));
    });
    await connection.flushed();
    return connection;
  }

  it('auto-fills a site-bound code into a page of its site where auto-fill is on, and nowhere else', async () => {
    await browser.storage.local.set({ autoFillOrigins: [PAGE, 'https://tiktok.com.example'] });
    const page = await browser.tabs.create({ url: `${PAGE}/account/verify` });
    await browser.tabs.create({ url: 'https://shop.tiktok.com/verify' }); // same site, auto-fill not on there
    await browser.tabs.create({ url: 'https://tiktok.com.example/verify' }); // auto-fill on, wrong site
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: false, reason: 'armed' } as never);
    await connectedWith(inboundMessage(1));
    await vi.waitFor(() => expect(send).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(send).toHaveBeenCalledExactlyOnceWith(
      page.id,
      expect.objectContaining({ type: 'otp-relay/arm', code: inboundMessage(1).code, origin: PAGE }),
      { frameId: 0 },
    );
  });

  it('never auto-fills a code bound to no site', async () => {
    await browser.storage.local.set({ autoFillOrigins: [PAGE] });
    await browser.tabs.create({ url: `${PAGE}/verify` });
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    const connection = await connectedWith(inboundMessage(1, { site: null, binding: 'none' }));
    await vi.waitFor(async () => {
      await connection.flushed();
      const { autoFillLog } = await browser.storage.session.get('autoFillLog');
      expect(autoFillLog).toEqual([{ messageId: messageId(1), armedTabs: 0, at: T0 }]);
    });
    expect(send).not.toHaveBeenCalled();
  });

  it('fills a code bound to no site only when the popup says the user confirmed', async () => {
    await browser.tabs.create({ url: `${PAGE}/verify`, active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const connection = await connectedWith(inboundMessage(1, { from: '+14155550199', site: null, binding: 'none' }));
    expect(await connection.fill.fillCode(messageId(1))).toEqual({
      ok: false,
      reason: 'needs-confirmation',
      message: 'Fill the code from +14155550199 into seller-us.tiktok.com?',
    });
    expect(send).not.toHaveBeenCalled();
    expect(await connection.fill.fillCode(messageId(1), true)).toMatchObject({ ok: true });
    expect(send).toHaveBeenCalledWith(
      expect.any(Number),
      { type: 'otp-relay/fill', code: inboundMessage(1).code, origin: PAGE, submit: false },
      { frameId: 0 },
    );
  });

  it('lets the shortcut fill a site-bound code on its site, but not one bound to no site', async () => {
    await browser.storage.local.set({ autoFillOrigins: [] });
    await browser.tabs.create({ url: `${PAGE}/verify`, active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const unboundOnly = await connectedWith(inboundMessage(2, { from: '+14155550199', site: null, binding: 'none' }));
    expect(await unboundOnly.fill.fillNewest()).toMatchObject({
      ok: false,
      reason: 'no-code',
      message: expect.stringMatching(/from \+14155550199 is not tied to a site: fill it from the popup/),
    });
    expect(send).not.toHaveBeenCalled();
    h.sockets.latest().receive(messageEvent(inboundMessage(3, { createdAt: iso(T0 - 1_000) }), { seq: 2 }));
    expect(await unboundOnly.fill.fillNewest()).toMatchObject({ ok: true });
    expect(send).toHaveBeenCalledWith(expect.any(Number), expect.objectContaining({ code: inboundMessage(3).code }), {
      frameId: 0,
    });
  });
});
