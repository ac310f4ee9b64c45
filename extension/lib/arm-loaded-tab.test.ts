import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Browser, browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { armLoadedTab } from './arm-loaded-tab.ts';
import { type StoredCode, toStoredCode } from './code-store.ts';
import { AUTOFILL_SCRIPT_FILE, PART_FILES } from './content-bridge.ts';
import { message, T0 } from './testing/relay-events.ts';

const ORIGIN = 'https://seller.example.com';
const CODE = toStoredCode(message(1, { origin: ORIGIN }));
const ON = { autoFillOrigins: [ORIGIN], submit: false, skewMs: 0 };
const COMPLETE: Browser.tabs.OnUpdatedInfo = { status: 'complete' };
const codeFor = (origin: string): StoredCode | undefined => (origin === ORIGIN ? CODE : undefined);

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);
});
afterEach(() => vi.restoreAllMocks());

async function loadedTab(url: string | undefined) {
  const tab = await browser.tabs.create({ url: url ?? 'about:blank' });
  return { ...tab, url };
}

describe('armLoadedTab (tabs.onUpdated: a page that loads after its code arrived)', () => {
  it('injects the autofill script into a tab that finished loading on the code’s origin, then arms it', async () => {
    const tab = await loadedTab(`${ORIGIN}/verify`);
    const tabId = tab.id as number;
    const send = vi
      .spyOn(browser.tabs, 'sendMessage')
      .mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
      .mockResolvedValue({ ok: false, reason: 'armed' } as never);
    const inject = vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([] as never);
    expect(await armLoadedTab(tabId, COMPLETE, tab, codeFor, { ...ON, skewMs: 60_000 })).toBe(true);
    // The auto-fill watch and every shape part first (a page with a copy of autofill.js may lack them), then
    // the script itself.
    const armParts = [PART_FILES.arm, PART_FILES.roots, PART_FILES.slots, PART_FILES.split];
    expect(inject).toHaveBeenCalledWith({ target: { tabId, frameIds: [0] }, files: armParts });
    expect(inject).toHaveBeenCalledWith({ target: { tabId, frameIds: [0] }, files: [AUTOFILL_SCRIPT_FILE] });
    expect(send).toHaveBeenLastCalledWith(
      tabId,
      { type: 'otp-relay/arm', code: CODE.code, origin: ORIGIN, submit: false, expiresAtMs: T0 + 600_000 - 60_000 },
      { frameId: 0 },
    );
  });

  it('reports a code the page took at once (so it is not armed into later pages again)', async () => {
    const tab = await loadedTab(`${ORIGIN}/verify`);
    vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 6 } as never);
    vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([] as never);
    const onFilled = vi.fn();
    expect(await armLoadedTab(tab.id as number, COMPLETE, tab, codeFor, { ...ON, onFilled })).toBe(true);
    expect(onFilled).toHaveBeenCalledWith(CODE);
  });

  it.each<[string, Browser.tabs.OnUpdatedInfo, string | undefined, typeof ON, boolean]>([
    ['still loading', { status: 'loading' }, `${ORIGIN}/verify`, ON, true],
    ['a title change, not a load', { title: 'Verify' }, `${ORIGIN}/verify`, ON, true],
    ['no url: a site we have no host access to', COMPLETE, undefined, ON, true],
    ['another origin', COMPLETE, 'https://evil.example.com/verify', ON, true],
    ['a subdomain', COMPLETE, 'https://shop.seller.example.com/verify', ON, true],
    ['another port', COMPLETE, 'https://seller.example.com:8443/verify', ON, true],
    ['not a web page', COMPLETE, 'chrome://extensions/', ON, true],
    ['auto-fill off for the origin', COMPLETE, `${ORIGIN}/verify`, { ...ON, autoFillOrigins: [] }, true],
    ['host permission not granted', COMPLETE, `${ORIGIN}/verify`, ON, false],
  ])('leaves the tab alone when %s', async (_name, change, url, options, permitted) => {
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(permitted as never);
    const tab = await loadedTab(url);
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    const inject = vi.spyOn(browser.scripting, 'executeScript');
    expect(await armLoadedTab(tab.id as number, change, tab, codeFor, options)).toBe(false);
    expect(send).not.toHaveBeenCalled();
    expect(inject).not.toHaveBeenCalled();
  });

  it('leaves the tab alone when its origin has no code to arm', async () => {
    const tab = await loadedTab(`${ORIGIN}/verify`);
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    expect(await armLoadedTab(tab.id as number, COMPLETE, tab, () => undefined, ON)).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });
});
