import * as OTPAuth from 'otpauth';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { backgroundHarness, RELAY, TOKEN } from '../testing/background-harness.ts';
import { T0 } from '../testing/relay-events.ts';
import { parseOtpauthUri } from './parse-otpauth-uri.ts';
import { Vault } from './vault.ts';

/*
 * Authenticator codes through the background's fill path (lib/fill-policy.ts, fill-rules.ts): the popup's Fill,
 * the shortcut and auto-fill on page load, on https pages of the entry's site only.
 */
const h = backgroundHarness();
const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SITE = 'lumengoods.example';
const COMPLETE = { status: 'complete' } as const;
const expected = OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(KEY), timestamp: T0 });

async function vaultWith(site: string | null): Promise<{ vault: Vault; entryId: string }> {
  const vault = new Vault({ now: () => T0, iterations: 1_000 });
  await vault.create('a long enough passphrase');
  const parsed = parseOtpauthUri(`otpauth://totp/Lumen%20Goods:Seller%20Center?secret=${KEY}`);
  if (!parsed.ok) throw new Error(parsed.message);
  const added = await vault.add([{ params: parsed.params, site }]);
  if (!added.ok || !added.added[0]) throw new Error('not added');
  return { vault, entryId: added.added[0].id };
}

async function started() {
  const background = h.background();
  await background.start();
  return background;
}

beforeEach(async () => {
  await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN, autoFillOrigins: [] });
  await browser.windows.create({ focused: true });
});

describe('filling an authenticator code', () => {
  it('the popup’s Fill puts the entry’s code now into an https page of its site', async () => {
    const { entryId } = await vaultWith(SITE);
    const tab = await browser.tabs.create({ url: 'https://seller.lumengoods.example/settings/two-step', active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const background = await started();
    expect(await background.fill.fillAuthenticator(entryId)).toMatchObject({ ok: true });
    expect(send).toHaveBeenCalledWith(
      tab.id,
      { type: 'otp-relay/fill', code: expected, origin: 'https://seller.lumengoods.example', submit: false },
      { frameId: 0 },
    );
  });

  it.each([
    ['an http page of the site', 'http://seller.lumengoods.example/two-step'],
    ['a look-alike', 'https://lumengoods.example.evil.test/two-step'],
    ['another site', 'https://seller.example.com/two-step'],
  ])('never on %s', async (_name, url) => {
    const { entryId } = await vaultWith(SITE);
    await browser.tabs.create({ url, active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    const background = await started();
    expect(await background.fill.fillAuthenticator(entryId)).toMatchObject({ ok: false, reason: 'wrong-origin' });
    expect(await background.fill.fillNewest()).toMatchObject({ ok: false, reason: 'no-code' });
    expect(send).not.toHaveBeenCalled();
  });

  it('fills nothing while locked, and never an entry tied to no site', async () => {
    const { vault, entryId } = await vaultWith(SITE);
    await browser.tabs.create({ url: 'https://seller.lumengoods.example/two-step', active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    const background = await started();
    await vault.lock();
    expect(await background.fill.fillAuthenticator(entryId)).toMatchObject({ ok: false, reason: 'no-code' });
    expect(await background.fill.fillNewest()).toMatchObject({ ok: false, reason: 'no-code' });
    await vault.unlock('a long enough passphrase');
    await vault.setSite(entryId, null);
    expect(await background.fill.fillAuthenticator(entryId)).toMatchObject({
      ok: false,
      message: 'Lumen Goods (Seller Center) is tied to no site: set its site to fill it.',
    });
    expect(send).not.toHaveBeenCalled();
  });

  it('the shortcut fills the authenticator’s code on its site', async () => {
    await vaultWith(SITE);
    const tab = await browser.tabs.create({ url: 'https://lumengoods.example/login/2fa', active: true });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const background = await started();
    expect(await background.fill.fillNewest()).toMatchObject({ ok: true });
    expect(send).toHaveBeenCalledWith(tab.id, expect.objectContaining({ code: expected }), { frameId: 0 });
  });

  it('auto-fills a page of its site that loads, only where auto-fill is on, once per code', async () => {
    await vaultWith(SITE);
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, fields: 1 } as never);
    const background = await started();
    const tab = await browser.tabs.create({ url: 'https://seller.lumengoods.example/two-step' });
    expect(await background.fill.armLoadedTab(tab.id as number, COMPLETE, tab)).toBe(false);
    expect(send).not.toHaveBeenCalled();

    await browser.storage.local.set({ autoFillOrigins: ['https://seller.lumengoods.example'] });
    await vi.waitFor(() => expect(background.settings?.autoFillOrigins).toHaveLength(1));
    expect(await background.fill.armLoadedTab(tab.id as number, COMPLETE, tab)).toBe(true);
    expect(send).toHaveBeenCalledWith(
      tab.id,
      expect.objectContaining({
        type: 'otp-relay/arm',
        code: expected,
        expiresAtMs: Math.floor(T0 / 30_000) * 30_000 + 30_000,
      }),
      { frameId: 0 },
    );
    // Filled: the same code is not armed again into the next page load.
    expect(await background.fill.armLoadedTab(tab.id as number, COMPLETE, tab)).toBe(false);
  });
});
