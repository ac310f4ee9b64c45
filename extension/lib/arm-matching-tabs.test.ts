import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { armMatchingTabs } from './arm-matching-tabs.ts';
import { toStoredCode } from './code-store.ts';
import { message, T0 } from './testing/relay-events.ts';

const ORIGIN = 'https://seller.example.com';
const CODE = toStoredCode(message(1, { origin: ORIGIN }));
const ON = { autoFillOrigins: [ORIGIN], submit: false, skewMs: 0 };

beforeEach(() => {
  fakeBrowser.reset();
  // An arm injects the auto-fill watch part before it asks (content-bridge.ts); the fake browser has no pages.
  vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([] as never);
});
afterEach(() => vi.restoreAllMocks());

async function openTabs(...urls: string[]): Promise<number[]> {
  const tabs = await Promise.all(urls.map((url) => browser.tabs.create({ url })));
  return tabs.map((tab) => tab.id as number);
}

describe('armMatchingTabs', () => {
  it('arms every tab on exactly the code’s origin and no other', async () => {
    const [a, , , b] = await openTabs(
      `${ORIGIN}/login`,
      'https://evil.example.com/login',
      'http://seller.example.com/login',
      `${ORIGIN}/settings/verify`,
      'https://seller.example.com:8443/login',
    );
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: false, reason: 'armed' } as never);
    expect(await armMatchingTabs(CODE, ON)).toEqual([a, b]);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('passes the expiry in local wall time (the relay clock may run ahead)', async () => {
    const [tab] = await openTabs(`${ORIGIN}/login`);
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    await armMatchingTabs(CODE, { ...ON, skewMs: 60_000, submit: true });
    expect(send).toHaveBeenCalledWith(
      tab,
      { type: 'otp-relay/arm', code: CODE.code, origin: ORIGIN, submit: true, expiresAtMs: T0 + 600_000 - 60_000 },
      { frameId: 0 },
    );
  });

  it('tells what each armed tab answered (the popup shows it)', async () => {
    const [a, b] = await openTabs(`${ORIGIN}/login`, `${ORIGIN}/verify`);
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);
    vi.spyOn(browser.tabs, 'sendMessage').mockImplementation((async (tabId: number) =>
      tabId === a ? { ok: true, fields: 6 } : { ok: false, reason: 'armed' }) as never);
    const onArmed = vi.fn();
    await armMatchingTabs(CODE, { ...ON, onArmed });
    expect(onArmed).toHaveBeenCalledWith(a, CODE, ORIGIN, { ok: true, fields: 6 });
    expect(onArmed).toHaveBeenCalledWith(b, CODE, ORIGIN, { ok: false, reason: 'armed' });
  });

  it.each([
    ['auto-fill is off for the origin', { autoFillOrigins: ['https://other.example.com'] }, true],
    ['the site’s host permission was not granted', {}, false],
  ])('arms nothing when %s', async (_name, change, permitted) => {
    await openTabs(`${ORIGIN}/login`);
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(permitted as never);
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    expect(await armMatchingTabs(CODE, { ...ON, ...change })).toEqual([]);
    expect(send).not.toHaveBeenCalled();
  });
});
