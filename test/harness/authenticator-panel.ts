import type { Page } from 'puppeteer-core';

/** One authenticator code as the popup lists it. */
export interface PanelCode {
  entryId: string;
  code: string;
  site: string | null;
  name: string;
  remaining: number;
  fillReason: string | null;
}

const SECTION = '[data-testid="authenticator"]';
/** The section once it shows what it has: its codes load a moment after it (aria-busy until then). */
const SETTLED = `${SECTION}:not([aria-busy="true"])`;

/** The popup's authenticator section, read and clicked the way a seller does it. */
export class AuthenticatorPanel {
  constructor(readonly page: Page) {}

  /** none, locked or unlocked, once the section has loaded. */
  async status(): Promise<string> {
    await this.page.waitForSelector(SETTLED, { timeout: 10_000 });
    return this.page.$eval(SECTION, (el) => (el as HTMLElement).dataset.status ?? '');
  }

  async waitForStatus(status: string, timeoutMs = 15_000): Promise<void> {
    await this.page.waitForSelector(`${SECTION}[data-status="${status}"]`, { timeout: timeoutMs });
  }

  /** First use: Set up, the passphrase twice, submit (the add form opens). */
  async setUp(passphrase: string): Promise<void> {
    await this.page.click('[data-testid="setup-button"]');
    await this.page.type('[data-testid="create-form"] input[name="passphrase"]', passphrase);
    await this.page.type('[data-testid="create-form"] input[name="again"]', passphrase);
    await this.page.click('[data-testid="create-button"]');
    await this.waitForStatus('unlocked');
  }

  /** Types the passphrase into the unlock form and submits; returns the error shown, or null once unlocked. */
  async unlock(passphrase: string): Promise<string | null> {
    const form = '[data-testid="unlock-form"]';
    const before = await this.page.$eval(form, (el) => Number((el as HTMLElement).dataset.attempts));
    await this.page.$eval(`${form} input[name="passphrase"]`, (el) => (el as HTMLInputElement).select());
    await this.page.type(`${form} input[name="passphrase"]`, passphrase);
    await this.page.click('[data-testid="unlock-button"]');
    // The form counts finished attempts: wait for this one's answer (a locked section keeps the form).
    await this.page.waitForFunction(
      (f: string, n: number, s: string) =>
        document.querySelector(`${s}[data-status="unlocked"]`) !== null ||
        Number(document.querySelector<HTMLElement>(f)?.dataset.attempts) > n,
      { timeout: 15_000 },
      form,
      before,
      SECTION,
    );
    if ((await this.status()) === 'unlocked') return null;
    return this.page.$eval('[data-testid="passphrase-error"]', (el) => el.textContent?.trim() ?? '');
  }

  async lock(): Promise<void> {
    await this.page.click('[data-testid="lock-button"]');
    await this.waitForStatus('locked');
  }

  /** Add → Scan the QR code on this tab; resolves with the names and sites offered for confirmation. */
  async scanTab(): Promise<{ name: string; site: string }[]> {
    // Add is pressed (aria-expanded) once set up; the form itself loads on the first Add and shows a moment later.
    if (!(await this.page.$('[data-testid="add-entry-button"][aria-expanded="true"]')))
      await this.page.click('[data-testid="add-entry-button"]');
    await this.page.waitForSelector('[data-testid="scan-qr"]', { timeout: 10_000 });
    await this.page.click('[data-testid="scan-qr"]');
    await this.page.waitForSelector('[data-testid="confirm-entries"], [data-testid="add-error"]', { timeout: 15_000 });
    const error = await this.page.$eval('[data-testid="add-error"]', (el) => el.textContent).catch(() => null);
    if (error) throw new Error(`scan failed: ${error}`);
    return this.page.$$eval('[data-testid="candidate"]', (candidates) =>
      candidates.map((c) => ({
        name: c.querySelector('[data-testid="candidate-name"]')?.textContent?.trim() ?? '',
        site: c.querySelector<HTMLInputElement>('[data-testid="candidate-site"]')?.value ?? '',
      })),
    );
  }

  async confirmAdd(): Promise<void> {
    const before = (await this.codes()).length;
    await this.page.click('[data-testid="confirm-add"]');
    await this.page.waitForFunction(
      (n: number) => document.querySelectorAll('[data-testid="totp-row"]').length > n,
      { timeout: 10_000 },
      before,
    );
  }

  async codes(): Promise<PanelCode[]> {
    await this.page.waitForSelector(SETTLED, { timeout: 10_000 });
    return this.page.$$eval('[data-testid="totp-row"]', (rows) =>
      rows.map((row) => {
        const el = row as HTMLElement;
        return {
          entryId: el.dataset.entryId ?? '',
          code: el.dataset.code ?? '',
          site: el.dataset.site ?? null,
          name: el.querySelector('[data-testid="totp-name"]')?.textContent?.trim() ?? '',
          remaining: Number(el.dataset.remaining ?? '0'),
          fillReason: el.querySelector('[data-testid="totp-fill-reason"]')?.textContent?.trim() ?? null,
        };
      }),
    );
  }

  async fill(entryId: string): Promise<void> {
    await this.page.click(`[data-testid="totp-row"][data-entry-id="${entryId}"] [data-testid="totp-fill"]`);
  }
}
