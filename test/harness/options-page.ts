import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';

const SECTION = '[data-testid="authenticator-settings"]';
const NOTICE = '[data-testid="authenticator-notice"]';

/** A file the options page downloaded: where it landed, and the name the page gave it. */
export interface Download {
  path: string;
  fileName: string;
}

/**
 * The options page's authenticator part (chrome-extension://…/options.html): its passphrase form, backup
 * export (a real download, into a directory of this helper's own) and import (a real file input).
 */
export class OptionsPage {
  /** Where this page's downloads go (removed by close()). */
  readonly downloads = mkdtempSync(join(tmpdir(), 'otp-relay-downloads-'));

  private constructor(readonly page: Page) {}

  /** Opens the extension's options page in a new tab, with downloads going to this helper's directory. */
  static async open(page: Page, extensionId: string): Promise<OptionsPage> {
    const options = new OptionsPage(page);
    // Downloads are the browser's: its own CDP session sets where they go and reports their progress.
    const cdp = await page.browser().target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', {
      // Each download under its guid: two backups on one day share a suggested name.
      behavior: 'allowAndName',
      downloadPath: options.downloads,
      eventsEnabled: true,
    });
    options.#cdp = cdp;
    await page.goto(`chrome-extension://${extensionId}/options.html`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(SECTION, { timeout: 15_000 });
    return options;
  }

  #cdp: CDPSession | undefined;

  /** none, locked or unlocked. */
  status(): Promise<string> {
    return this.page.$eval(SECTION, (el) => (el as HTMLElement).dataset.status ?? '');
  }

  async waitForStatus(status: string, timeoutMs = 15_000): Promise<void> {
    await this.page.waitForSelector(`${SECTION}[data-status="${status}"]`, { timeout: timeoutMs });
  }

  /** A fresh profile: the first passphrase, twice (the page then offers backup and import). */
  async setUp(passphrase: string): Promise<void> {
    await this.page.type(`${SECTION} [data-testid="create-form"] input[name="passphrase"]`, passphrase);
    await this.page.type(`${SECTION} [data-testid="create-form"] input[name="again"]`, passphrase);
    await this.page.click(`${SECTION} [data-testid="create-button"]`);
    await this.waitForStatus('unlocked');
  }

  async unlock(passphrase: string): Promise<void> {
    await this.page.type(`${SECTION} [data-testid="unlock-form"] input[name="passphrase"]`, passphrase);
    await this.page.click(`${SECTION} [data-testid="unlock-button"]`);
    await this.waitForStatus('unlocked');
  }

  /** The notice under the section, once it differs from `before`. */
  async #noticeAfter(before: string, timeoutMs = 15_000): Promise<{ ok: boolean; text: string }> {
    await this.page.waitForFunction(
      (selector: string, previous: string) => {
        const text = document.querySelector(selector)?.textContent?.trim() ?? '';
        return text !== '' && text !== previous;
      },
      { timeout: timeoutMs },
      NOTICE,
      before,
    );
    return this.page.$eval(NOTICE, (el) => ({
      ok: (el as HTMLElement).dataset.ok === 'true',
      text: el.textContent?.trim() ?? '',
    }));
  }

  notice(): Promise<string> {
    return this.page.$eval(NOTICE, (el) => el.textContent?.trim() ?? '');
  }

  /**
   * Back up → Download backup file, sealed with the authenticator's passphrase or (`filePassphrase`) another
   * one; resolves once Chromium has finished writing the file, with the page's notice.
   */
  async exportBackup(filePassphrase?: string): Promise<Download & { notice: string }> {
    const cdp = this.#cdp;
    if (!cdp) throw new Error('options page opened without download handling');
    const form = `${SECTION} [data-testid="backup-export"]`;
    const radios = await this.page.$$(`${form} input[type="radio"][name="backup-key"]`);
    const radio = radios[filePassphrase === undefined ? 0 : 1];
    if (!radio) throw new Error('the backup form has no passphrase choice');
    await radio.click();
    if (filePassphrase !== undefined) {
      const input = await this.page.waitForSelector(`${form} input[type="password"]`, { timeout: 5_000 });
      await input?.type(filePassphrase);
    }
    const before = await this.notice();
    let guid = '';
    let suggested = '';
    const finished = new Promise<void>((resolve, reject) => {
      const begin = (event: { guid: string; suggestedFilename: string }) => {
        guid = event.guid;
        suggested = event.suggestedFilename;
      };
      const progress = (event: { guid: string; state: string }) => {
        if (event.guid !== guid) return;
        if (event.state === 'completed' || event.state === 'canceled') {
          cdp.off('Browser.downloadWillBegin', begin);
          cdp.off('Browser.downloadProgress', progress);
          if (event.state === 'completed') resolve();
          else reject(new Error('the backup download was canceled'));
        }
      };
      cdp.on('Browser.downloadWillBegin', begin);
      cdp.on('Browser.downloadProgress', progress);
    });
    await this.page.click(`${form} [data-testid="export-button"]`);
    // The download is the answer (a second backup on one day is announced in the very same words); a refusal
    // starts none and says why.
    let timer: NodeJS.Timeout | undefined;
    const refused = this.#noticeAfter(before, 30_000).then(
      (notice) => (notice.ok ? new Promise<never>(() => undefined) : Promise.reject(new Error(notice.text))),
      () => new Promise<never>(() => undefined),
    );
    await Promise.race([
      finished,
      refused,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the backup file never finished downloading')), 30_000);
      }),
    ]).finally(() => clearTimeout(timer));
    await this.page.waitForFunction(
      (selector: string, name: string) => document.querySelector(selector)?.textContent?.includes(name) === true,
      { timeout: 10_000 },
      NOTICE,
      suggested,
    );
    const notice = await this.notice();
    if (!readdirSync(this.downloads).includes(guid)) throw new Error('the backup download left no file');
    return { path: join(this.downloads, guid), fileName: suggested, notice };
  }

  /** Import a backup file: the file input, the file's passphrase, Import; resolves with the page's answer. */
  async importBackup(path: string, passphrase: string): Promise<{ ok: boolean; text: string }> {
    const form = `${SECTION} [data-testid="backup-import"]`;
    const input = await this.page.waitForSelector(`${form} input[type="file"]`, { timeout: 5_000 });
    if (!input) throw new Error('no file input in the import form');
    await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(path);
    const field = `${form} input[type="password"]`;
    await this.page.$eval(field, (el) => (el as HTMLInputElement).select());
    await this.page.type(field, passphrase);
    // The answer is told from the last one by its text: two imports in a row must not answer alike.
    const before = await this.notice();
    await this.page.click(`${form} [data-testid="import-button"]`);
    return this.#noticeAfter(before);
  }

  /** The entries the page lists, with their sites. */
  entries(): Promise<{ name: string; site: string | null }[]> {
    return this.page.$$eval('[data-testid="authenticator-entry"]', (items) =>
      items.map((item) => ({
        name: item.querySelector('span')?.textContent?.trim() ?? '',
        site: (item as HTMLElement).dataset.site ?? null,
      })),
    );
  }

  async close(): Promise<void> {
    await this.#cdp?.detach().catch(() => undefined);
    await this.page.close().catch(() => undefined);
    rmSync(this.downloads, { recursive: true, force: true });
  }
}
