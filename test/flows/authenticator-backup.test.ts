import { readFileSync } from 'node:fs';
import * as OTPAuth from 'otpauth';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticatorPanel,
  DemoPage,
  ExtensionBrowser,
  type HttpsSite,
  httpsSiteArgs,
  OptionsPage,
  type PanelCode,
  serveHttpsProxy,
  useFlow,
} from '../harness/index.ts';

/*
 * A seller's authenticator entry must survive a new computer: an encrypted backup file from the options page,
 * imported into a fresh profile, gives the same codes. And where the seller turned auto-fill on, the entry's
 * code fills its own site's https page by itself, never another site's (auto-fill on and granted there too).
 * The demo's two-step page is served over https (a reverse proxy in front of the relay) on the entry's site
 * and on another shop's host.
 */
const HOST = 'seller.lumengoods.example';
const OTHER = 'seller.brightwares.example';
const PASSPHRASE = 'lumen goods seller passphrase';
const FILE_PASSPHRASE = 'a passphrase for the file only';
const FRESH_PASSPHRASE = 'the new laptop passphrase';
const NAME = 'Lumen Goods (Seller Center)';

const otherCodes = (secret: OTPAuth.Secret) =>
  [-30_000, 0, 30_000].map((d) => OTPAuth.TOTP.generate({ secret, timestamp: Date.now() + d }));

describe('authenticator backups and auto-fill, in real Chromium', () => {
  const flow = useFlow({
    relay: { testClock: false },
    // A match pattern without a port grants every port: the proxy's port is only known once the relay runs.
    browser: { args: httpsSiteArgs([HOST, OTHER]), grantedOrigins: [`https://${HOST}`, `https://${OTHER}`] },
  });
  let site: HttpsSite;
  let key = '';
  let entryId = '';

  beforeAll(async () => {
    site = await serveHttpsProxy([HOST, OTHER], flow.relay.url);
  });
  afterAll(() => site?.close());

  /** The entry, added the way a seller does: the popup scans the two-step page's QR code. */
  async function addEntry(): Promise<void> {
    if (entryId) return;
    const demo = new DemoPage(await flow.browser.newPage(site.url(HOST, '/demo/two-step')));
    key = await demo.twoStepKey();
    const popup = await flow.browser.openPopup(demo.page);
    const panel = new AuthenticatorPanel(popup.page);
    expect(await panel.status()).toBe('none');
    await panel.setUp(PASSPHRASE);
    expect(await panel.scanTab()).toEqual([{ name: NAME, site: 'lumengoods.example' }]);
    await panel.confirmAdd();
    const [entry] = await panel.codes();
    entryId = entry?.entryId ?? '';
    expect(entryId).not.toBe('');
    await popup.close();
    await demo.page.close();
  }

  /** The authenticator rows of a popup opened over `page`, unlocked. */
  async function panelOver(browser: ExtensionBrowser, page: Page): Promise<AuthenticatorPanel> {
    const popup = await browser.openPopup(page);
    const panel = new AuthenticatorPanel(popup.page);
    await panel.waitForStatus('unlocked');
    await popup.page.waitForSelector('[data-testid="totp-row"]', { timeout: 10_000 });
    return panel;
  }

  /**
   * Both popups' codes at one moment: read the first, the second, the first again, away from a period's end
   * (a row redraws each second; one that rolled over between two reads is read again in the next period).
   */
  async function sameMoment(a: AuthenticatorPanel, b: AuthenticatorPanel): Promise<[PanelCode[], PanelCode[]]> {
    for (let attempt = 0; attempt < 3; attempt++) {
      await a.page.waitForFunction(
        () => Number(document.querySelector<HTMLElement>('[data-testid="totp-row"]')?.dataset.remaining) >= 6,
        { timeout: 40_000 },
      );
      const first = await a.codes();
      const other = await b.codes();
      const again = await a.codes();
      if (JSON.stringify(first.map((c) => c.code)) === JSON.stringify(again.map((c) => c.code))) return [first, other];
    }
    throw new Error('the codes never held still for three reads');
  }

  it('exports an encrypted backup, a fresh profile imports it (its own passphrase or another) and shows the same codes; a wrong passphrase adds nothing', async () => {
    await addEntry();
    const secret = OTPAuth.Secret.fromBase32(key);

    // The first profile: back up twice from the options page, with the authenticator's passphrase and another.
    const options = await OptionsPage.open(await flow.browser.newPage(), flow.browser.extensionId);
    if ((await options.status()) === 'locked') await options.unlock(PASSPHRASE);
    const own = await options.exportBackup();
    expect(own.fileName).toMatch(/^otp-relay-authenticator-\d{4}-\d{2}-\d{2}\.json$/);
    expect(own.notice).toBe(`Saved ${own.fileName} (1 entry). Keep it somewhere other than this computer.`);
    const sealedOther = await options.exportBackup(FILE_PASSPHRASE);
    const ownText = readFileSync(own.path, 'utf8');
    const otherText = readFileSync(sealedOther.path, 'utf8');
    // Encrypted: neither file holds the key, the passphrases or the account's name.
    for (const text of [ownText, otherText]) {
      expect(JSON.parse(text)).toMatchObject({ format: 'otp-relay-authenticator-backup', version: 1 });
      for (const secretText of [key, PASSPHRASE, FILE_PASSPHRASE, 'Lumen']) expect(text).not.toContain(secretText);
    }
    // Chromium kept both downloads apart (the second one got its own name) and they differ.
    expect(sealedOther.path).not.toBe(own.path);
    expect(otherText).not.toBe(ownText);

    // A fresh profile (a new computer): its own passphrase first, then the files.
    const fresh = await ExtensionBrowser.launch();
    try {
      const freshOptions = await OptionsPage.open(await fresh.newPage(), fresh.extensionId);
      expect(await freshOptions.status()).toBe('none');
      await freshOptions.setUp(FRESH_PASSPHRASE);
      expect(await freshOptions.entries()).toEqual([]);

      // The file sealed with another passphrase does not open with the authenticator's: refused, nothing added.
      expect(await freshOptions.importBackup(sealedOther.path, PASSPHRASE)).toEqual({
        ok: false,
        text: 'Wrong passphrase for that backup file. Nothing was imported.',
      });
      expect(await freshOptions.entries()).toEqual([]);
      const emptyPopup = await fresh.openPopup(freshOptions.page);
      const emptyPanel = new AuthenticatorPanel(emptyPopup.page);
      await emptyPanel.waitForStatus('unlocked');
      expect(await emptyPanel.codes()).toEqual([]);
      await emptyPopup.close();

      // With its own passphrase it opens: the entry, its name and its site.
      expect(await freshOptions.importBackup(sealedOther.path, FILE_PASSPHRASE)).toEqual({
        ok: true,
        text: 'Imported 1 entry.',
      });
      await freshOptions.page.waitForSelector('[data-testid="authenticator-entry"]', { timeout: 10_000 });
      expect(await freshOptions.entries()).toEqual([{ name: NAME, site: 'lumengoods.example' }]);
      // The file sealed with the authenticator's passphrase opens with it and holds the very same entry.
      expect(await freshOptions.importBackup(own.path, PASSPHRASE)).toEqual({
        ok: true,
        text: 'Imported 0 entries (1 already here).',
      });
      expect(await freshOptions.entries()).toHaveLength(1);

      // Both popups, side by side: the same code at the same time, the one an app makes from the page's key.
      const original = await panelOver(flow.browser, await flow.browser.newPage());
      const restored = await panelOver(fresh, await fresh.newPage());
      const [before, after] = await sameMoment(original, restored);
      expect(after).toHaveLength(1);
      expect(before).toHaveLength(1);
      expect(after[0]).toMatchObject({ name: NAME, site: 'lumengoods.example', code: before[0]?.code });
      expect(otherCodes(secret)).toContain(after[0]?.code);
      await freshOptions.close();
    } finally {
      await fresh.close();
    }
    await options.close();
  });

  it('auto-fills the entry’s code on its own https site where auto-fill is on, and not on another site', async () => {
    await addEntry();
    const secret = OTPAuth.Secret.fromBase32(key);
    // Auto-fill on (and granted) for both sites: only the entry's site binding keeps its code off the other.
    await flow.browser.enableAutoFill(new URL(site.url(OTHER)).origin);
    await flow.browser.enableAutoFill(new URL(site.url(HOST)).origin);
    // Unlocked: the authenticator fills nothing while locked.
    const popup = await flow.browser.openPopup(await flow.browser.newPage());
    const panel = new AuthenticatorPanel(popup.page);
    if ((await panel.status()) === 'locked') expect(await panel.unlock(PASSPHRASE)).toBeNull();
    await panel.waitForStatus('unlocked');
    await popup.close();

    // The other shop's page loads first, the entry's site second: by the time the second is filled, the
    // background has long decided about the first (same path, started earlier).
    const elsewhere = new DemoPage(await flow.browser.newPage(site.url(OTHER, '/demo/two-step')));
    await elsewhere.page.waitForSelector('#code-input');
    const own = new DemoPage(await flow.browser.newPage(site.url(HOST, '/demo/two-step')));
    await own.page.waitForFunction(
      () => /^\d{6}$/.test(document.querySelector<HTMLInputElement>('#code-input')?.value ?? ''),
      { timeout: 15_000 },
    );
    expect(otherCodes(secret)).toContain(await own.codeValue());
    expect(await elsewhere.codeValue()).toBe('');

    // The popup over the other site says why: not its site.
    const over = await flow.browser.openPopup(elsewhere.page);
    const overPanel = new AuthenticatorPanel(over.page);
    await overPanel.waitForStatus('unlocked');
    const [row] = await overPanel.codes();
    expect(row?.fillReason).toMatch(/^For https pages of lumengoods\.example only/);
    await over.close();
    expect(await elsewhere.codeValue()).toBe('');
  });
});
