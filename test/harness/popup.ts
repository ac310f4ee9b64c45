import type { Page } from 'puppeteer-core';

/** One code as the popup lists it, read from the row's data attributes. */
export interface PopupCode {
  code: string;
  origin: string;
  verificationId: string;
  state: 'live' | 'expired';
  folder: 'inbox' | 'spam';
  purpose: string;
  channel: string;
  /** Seconds left as the popup shows them. */
  remaining: number;
  /** The masked destination line, e.g. "SMS to +1•••••••23" (codes the relay issued). */
  destination: string;
  /** Who sent it, e.g. "SMS from TikTok" (codes that arrived from elsewhere). */
  sender: string;
  /** `relay`, `inbound`, …; the site the relay bound it to, if any. */
  source: string;
  site: string | null;
  /** Why Fill is disabled, when it is. */
  fillReason: string | null;
}

/** The real action popup, read the way a person reads it (rows, banner) and clicked the way they click. */
export class Popup {
  constructor(readonly page: Page) {}

  codes(): Promise<PopupCode[]> {
    return this.page.$$eval('[data-testid="code-row"]', (rows) =>
      rows.map((row) => {
        const el = row as HTMLElement;
        return {
          code: el.dataset.code ?? '',
          origin: el.dataset.origin ?? '',
          verificationId: el.dataset.verificationId ?? '',
          state: (el.dataset.state ?? 'live') as 'live' | 'expired',
          folder: (el.dataset.folder ?? 'inbox') as 'inbox' | 'spam',
          purpose: el.dataset.purpose ?? '',
          channel: el.dataset.channel ?? '',
          remaining: Number(el.dataset.remaining ?? '0'),
          destination: el.querySelector('[data-testid="code-destination"]')?.textContent?.trim() ?? '',
          sender: el.querySelector('[data-testid="code-sender"]')?.textContent?.trim() ?? '',
          source: el.dataset.source ?? '',
          site: el.dataset.site ?? null,
          fillReason: el.querySelector('[data-testid="fill-reason"]')?.textContent?.trim() ?? null,
        };
      }),
    );
  }

  /** Waits until a row for `code` shows (optionally in a given state) and returns it. */
  async waitForCode(code: string, state: 'live' | 'expired' = 'live', timeoutMs = 10_000): Promise<PopupCode> {
    await this.page.waitForSelector(`[data-testid="code-row"][data-code="${code}"][data-state="${state}"]`, {
      timeout: timeoutMs,
    });
    const found = (await this.codes()).find((c) => c.code === code);
    if (!found) throw new Error(`code row ${code} vanished`);
    return found;
  }

  /** Waits until no row for `code` is listed any more. */
  async waitForCodeGone(code: string, timeoutMs = 15_000): Promise<void> {
    await this.page.waitForFunction(
      (c: string) => !document.querySelector(`[data-testid="code-row"][data-code="${c}"]`),
      { timeout: timeoutMs },
      code,
    );
  }

  /** The connection banner's state: connected, connecting, reconnecting, not-paired, unreachable… */
  connection(): Promise<string> {
    return this.page.$eval('[data-testid="connection-banner"]', (el) => (el as HTMLElement).dataset.status ?? '');
  }

  async waitForConnection(status: string, timeoutMs = 15_000): Promise<void> {
    await this.page.waitForSelector(`[data-testid="connection-banner"][data-status="${status}"]`, {
      timeout: timeoutMs,
    });
  }

  /** Clicks Fill on the row of `code`. */
  async fill(code: string): Promise<void> {
    await this.page.click(`[data-testid="code-row"][data-code="${code}"] [data-testid="fill-button"]`);
  }

  /** After Fill on a code bound to no site: the question the popup asks (naming sender and page). */
  async fillQuestion(code: string): Promise<string> {
    const selector = `[data-testid="code-row"][data-code="${code}"] [data-testid="fill-question"]`;
    await this.page.waitForSelector(selector, { timeout: 5_000 });
    return this.page.$eval(selector, (el) => el.textContent?.trim() ?? '');
  }

  /** The second click: confirms filling a code bound to no site. */
  async confirmFill(code: string): Promise<void> {
    await this.page.click(`[data-testid="code-row"][data-code="${code}"] [data-testid="confirm-fill"]`);
  }

  /** The popup's notice line after an action (e.g. "Filled", or why it refused). */
  async notice(): Promise<string> {
    return this.page.$eval('[data-testid="notice"]', (el) => el.textContent?.trim() ?? '').catch(() => '');
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
