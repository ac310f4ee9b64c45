import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticatorPanel,
  DemoPage,
  type HttpsSite,
  httpsSiteArgs,
  serveHttpsProxy,
  useFlow,
} from '../harness/index.ts';

/*
 * A seller turns on two-step verification on the demo seller center with the extension as the authenticator:
 * the popup scans the page's QR code, binds the entry to the page's site, and fills the code, which the demo
 * accepts. The demo is served over https on seller.lumengoods.example (a reverse proxy in front of the relay):
 * authenticator codes fill only on https pages of their site. The relay runs on the real clock here, as a
 * shop's server does: the extension's codes are on the seller's clock, like a phone app's.
 */
const HOST = 'seller.lumengoods.example';
const PASSPHRASE = 'lumen goods seller passphrase';

describe('the authenticator in the popup, on a real two-step setup page', () => {
  const flow = useFlow({ relay: { testClock: false }, browser: { args: httpsSiteArgs([HOST]) } });
  let site: HttpsSite;

  beforeAll(async () => {
    site = await serveHttpsProxy([HOST], flow.relay.url);
  });
  afterAll(() => site?.close());

  it('scans the QR code, binds it to the site, fills the code, the demo turns two-step on; then lock and unlock', async () => {
    const demo = new DemoPage(await flow.browser.newPage(site.url(HOST, '/demo/two-step')));
    const key = await demo.twoStepKey();

    let popup = await flow.browser.openPopup(demo.page);
    let panel = new AuthenticatorPanel(popup.page);
    expect(await panel.status()).toBe('none');
    await panel.setUp(PASSPHRASE);
    expect(await panel.scanTab()).toEqual([{ name: 'Lumen Goods (Seller Center)', site: 'lumengoods.example' }]);
    await panel.confirmAdd();
    const [entry] = await panel.codes();
    if (!entry) throw new Error('no authenticator row');
    expect(entry).toMatchObject({ name: 'Lumen Goods (Seller Center)', site: 'lumengoods.example', fillReason: null });
    // The code is the one an authenticator app makes from the key the page prints.
    const secret = OTPAuth.Secret.fromBase32(key);
    const now = Date.now();
    expect([-30_000, 0, 30_000].map((d) => OTPAuth.TOTP.generate({ secret, timestamp: now + d }))).toContain(
      entry.code,
    );
    expect(entry.remaining).toBeGreaterThan(0);
    expect(entry.remaining).toBeLessThanOrEqual(30);

    await panel.fill(entry.entryId);
    await demo.page.waitForFunction(
      () => /^\d{6}$/.test(document.querySelector<HTMLInputElement>('#code-input')?.value ?? ''),
      {
        timeout: 10_000,
      },
    );
    const filled = await demo.codeValue();
    expect([-30_000, 0, 30_000].map((d) => OTPAuth.TOTP.generate({ secret, timestamp: Date.now() + d }))).toContain(
      filled,
    );
    await popup.page.waitForFunction(() =>
      /Filled/.test(document.querySelector('[data-testid="notice"]')?.textContent ?? ''),
    );
    await demo.verify();
    await demo.waitForStatus('success', 'Two-step verification is on');

    // Secrets at rest: the key is nowhere in storage.local; the session holds a derived key, not the passphrase.
    const worker = await flow.browser.worker();
    const stored = await worker.evaluate(async () =>
      JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]),
    );
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(PASSPHRASE);

    // Lock in the popup (clicking the page closed it): no codes; a wrong passphrase says so and stays locked;
    // the right one brings them back.
    popup = await flow.browser.openPopup(demo.page);
    panel = new AuthenticatorPanel(popup.page);
    expect(await panel.status()).toBe('unlocked');
    await panel.lock();
    expect(await panel.codes()).toEqual([]);
    await popup.close();
    popup = await flow.browser.openPopup(demo.page);
    panel = new AuthenticatorPanel(popup.page);
    expect(await panel.status()).toBe('locked');
    expect(await panel.unlock('not my passphrase')).toBe('Wrong passphrase. Nothing was changed.');
    expect(await panel.status()).toBe('locked');
    expect(await panel.unlock(PASSPHRASE)).toBeNull();
    const [again] = await panel.codes();
    expect(again?.entryId).toBe(entry.entryId);
    expect(again?.code).toMatch(/^\d{6}$/);
    await popup.close();

    // The same demo page over plain http on the relay's own address: not https, not its site; Fill stays off.
    const plain = await flow.openDemo('two-step');
    popup = await flow.browser.openPopup(plain.page);
    panel = new AuthenticatorPanel(popup.page);
    await panel.waitForStatus('unlocked');
    const [elsewhere] = await panel.codes();
    expect(elsewhere?.fillReason).toBe(`For https pages of lumengoods.example only; this tab is ${flow.relay.url}.`);
    expect(await popup.page.$eval('[data-testid="totp-fill"]', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
  });
});
