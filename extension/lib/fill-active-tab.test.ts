import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { toStoredCode } from './code-store.ts';
import { AUTOFILL_SCRIPT_FILE, PART_FILES } from './content-bridge.ts';
import { fillActiveTab } from './fill-active-tab.ts';
import { message } from './testing/relay-events.ts';

const CODE = toStoredCode(message(1, { origin: 'https://seller.example.com' }));

async function openActiveTab(url: string): Promise<number> {
  const tab = await browser.tabs.create({ url, active: true });
  return tab.id as number;
}

beforeEach(async () => {
  fakeBrowser.reset();
  // A focused window, as there is when the user clicks the popup or presses the shortcut.
  await browser.windows.create({ focused: true });
});
afterEach(() => vi.restoreAllMocks());

describe('fillActiveTab', () => {
  it.each(['https://evil.example.com/login', 'https://seller.example.com.evil.test/verify', 'chrome://extensions/'])(
    'never messages a tab on %s',
    async (url) => {
      await openActiveTab(url);
      const send = vi.spyOn(browser.tabs, 'sendMessage');
      const inject = vi.spyOn(browser.scripting, 'executeScript');
      const outcome = await fillActiveTab(CODE, false);
      expect(outcome).toMatchObject({ ok: false, reason: 'wrong-origin' });
      expect(send).not.toHaveBeenCalled();
      expect(inject).not.toHaveBeenCalled();
    },
  );

  it('sends a FillRequest to the top frame of a tab on the exact origin', async () => {
    const tabId = await openActiveTab('https://seller.example.com/verify?step=2');
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 6 } as never);
    const inject = vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([] as never);
    const outcome = await fillActiveTab(CODE, true);
    expect(outcome).toMatchObject({ ok: true, fields: 6 });
    // Submit after fill is a part of its own, injected only for a request that submits.
    expect(inject).toHaveBeenCalledExactlyOnceWith({ target: { tabId, frameIds: [0] }, files: [PART_FILES.submit] });
    expect(send).toHaveBeenCalledWith(
      tabId,
      { type: 'otp-relay/fill', code: CODE.code, origin: CODE.origin, submit: true },
      { frameId: 0 },
    );
  });

  it('injects the autofill script once when none answers yet, then asks again', async () => {
    const tabId = await openActiveTab('https://seller.example.com/verify');
    const send = vi
      .spyOn(browser.tabs, 'sendMessage')
      .mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
      .mockResolvedValue({ ok: true, fields: 1 } as never);
    const inject = vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([] as never);
    expect(await fillActiveTab(CODE, false)).toMatchObject({ ok: true });
    expect(inject).toHaveBeenCalledWith({ target: { tabId, frameIds: [0] }, files: [AUTOFILL_SCRIPT_FILE] });
    expect(inject).not.toHaveBeenCalledWith(
      expect.objectContaining({ files: expect.arrayContaining([PART_FILES.submit]) }),
    );
    expect(send).toHaveBeenCalledTimes(2);
  });

  it.each([
    [{ ok: false, reason: 'no-field' }, 'no-field'],
    [{ ok: false, reason: 'wrong-origin' }, 'wrong-origin'],
    [{ nonsense: true }, 'failed'],
  ])('reports what the page answered (%o)', async (answer, reason) => {
    await openActiveTab('https://seller.example.com/verify');
    vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(answer as never);
    expect(await fillActiveTab(CODE, false)).toMatchObject({ ok: false, reason });
  });

  it('says so when the page cannot be reached even after injecting', async () => {
    await openActiveTab('https://seller.example.com/verify');
    vi.spyOn(browser.tabs, 'sendMessage').mockRejectedValue(new Error('no receiver'));
    vi.spyOn(browser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access contents of the page'));
    expect(await fillActiveTab(CODE, false)).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('refuses a code that is gone', async () => {
    expect(await fillActiveTab(undefined, false)).toMatchObject({ ok: false, reason: 'no-code' });
  });
});
