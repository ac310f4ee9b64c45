import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'puppeteer-core';

export type DemoFlow = 'signup' | 'login' | 'confirm' | 'two-step';
export type DemoStatus = 'idle' | 'sent' | 'success' | 'wrong' | 'expired' | 'locked' | 'error';

export interface RequestCodeOptions {
  to: string;
  channel?: 'sms' | 'email';
  /** Login only (any password works on the demo). */
  password?: string;
  /** Confirm only: a payout or a payout-settings change. */
  action?: 'payout' | 'settings';
}

/** A timer of the code step: the seconds it shows (data-seconds) and its words. */
export interface DemoTimer {
  seconds: number;
  text: string;
}

/** The demo seller center as a tester drives it: ask for a code, see where it went, type, verify, resend. */
export class DemoPage {
  constructor(readonly page: Page) {}

  /**
   * Sets the clock of every document `page` loads from now on `skewMs` off the real time (Date.now and
   * `new Date()`), as on a visitor's computer whose clock is wrong. Call before navigating.
   */
  static async skewBrowserClock(page: Page, skewMs: number): Promise<void> {
    await page.evaluateOnNewDocument((skew: number) => {
      const RealDate = Date;
      const now = () => RealDate.now() + skew;
      class SkewedDate extends RealDate {
        constructor(...args: ConstructorParameters<DateConstructor> | []) {
          if (args.length === 0) super(now());
          else super(...(args as ConstructorParameters<DateConstructor>));
        }
        static override now(): number {
          return now();
        }
      }
      globalThis.Date = SkewedDate as DateConstructor;
    }, skewMs);
  }

  /** Fills the first step and presses Send code / Log in; resolves when the code step shows. */
  async requestCode(options: RequestCodeOptions): Promise<void> {
    const { page } = this;
    if (options.action) await page.click(`#action-${options.action}`);
    if (options.channel) await page.click(`#channel-${options.channel}`);
    await page.type('#destination-input', options.to);
    if (options.password !== undefined) await page.type('#password-input', options.password);
    await page.click('#send-code');
    await page.waitForSelector('#code-step:not([hidden])');
  }

  /** What is in the code field now: the single input, or the split boxes joined. */
  codeValue(): Promise<string> {
    return this.page.evaluate(() => {
      const single = document.querySelector<HTMLInputElement>('#code-input');
      if (single) return single.value;
      return [...document.querySelectorAll<HTMLInputElement>('.otp-box')].map((box) => box.value).join('');
    });
  }

  /** Waits until the code field holds `code` (e.g. after the extension filled it). */
  async waitForCodeValue(code: string, timeoutMs = 10_000): Promise<void> {
    await this.page.waitForFunction(
      (expected: string) => {
        const single = document.querySelector<HTMLInputElement>('#code-input');
        const value = single
          ? single.value
          : [...document.querySelectorAll<HTMLInputElement>('.otp-box')].map((box) => box.value).join('');
        return value === expected;
      },
      { timeout: timeoutMs, polling: 'mutation' },
      code,
    );
  }

  /** Types a code the way a person does (into the single field or box by box), replacing what was there. */
  async typeCode(code: string): Promise<void> {
    const { page } = this;
    const single = await page.$('#code-input');
    if (single) {
      await single.click({ count: 3 });
      await page.keyboard.press('Backspace');
      await single.type(code);
      return;
    }
    await page.$$eval('.otp-box', (boxes) => {
      for (const box of boxes as HTMLInputElement[]) box.value = '';
    });
    await page.click('.otp-box');
    await page.keyboard.type(code);
  }

  async verify(): Promise<void> {
    await this.page.waitForSelector('#verify:not([disabled])');
    await this.page.click('#verify');
  }

  async resend(): Promise<void> {
    await this.page.waitForSelector('#resend:not([disabled])', { timeout: 15_000 });
    await this.page.click('#resend');
  }

  /** The status line: its state and the words the seller reads. */
  status(): Promise<{ state: DemoStatus; text: string }> {
    return this.page.$eval('[data-testid="status"]', (el) => ({
      state: ((el as HTMLElement).dataset.state ?? 'idle') as DemoStatus,
      text: el.textContent?.trim() ?? '',
    }));
  }

  /** Waits for the status line to reach `state` (and, if given, to mention `text`). */
  async waitForStatus(
    state: DemoStatus,
    text?: string,
    timeoutMs = 10_000,
  ): Promise<{ state: DemoStatus; text: string }> {
    await this.page.waitForFunction(
      (s: string, t: string | null) => {
        const el = document.querySelector<HTMLElement>('[data-testid="status"]');
        return el?.dataset.state === s && (t === null || (el.textContent ?? '').includes(t));
      },
      { timeout: timeoutMs },
      state,
      text ?? null,
    );
    return this.status();
  }

  /** "Code expires in 9:58" and its seconds (0 once the page says the code expired). */
  expiresIn(): Promise<DemoTimer> {
    return this.#timer('expires-in');
  }

  /** "Resend code in 0:27" and its seconds (0 once Resend may be pressed). */
  resendCountdown(): Promise<DemoTimer> {
    return this.#timer('resend-countdown');
  }

  /** Waits until the expiry timer shows exactly `seconds`. */
  async waitForExpiresIn(seconds: number, timeoutMs = 10_000): Promise<DemoTimer> {
    await this.page.waitForFunction(
      (expected: string) =>
        document.querySelector<HTMLElement>('[data-testid="expires-in"]')?.dataset.seconds === expected,
      { timeout: timeoutMs },
      String(seconds),
    );
    return this.expiresIn();
  }

  #timer(testId: string): Promise<DemoTimer> {
    return this.page.$eval(`[data-testid="${testId}"]`, (el) => ({
      seconds: Number((el as HTMLElement).dataset.seconds),
      text: el.textContent?.trim() ?? '',
    }));
  }

  /**
   * Two-step setup page: reads its QR code the way a phone does (a screenshot of what is on screen, decoded by
   * a QR reader) and returns the text it holds, an `otpauth://totp/…` URI.
   */
  async scanQrCode(): Promise<string> {
    const image = await this.page.waitForSelector('[data-testid="totp-qr"]', { visible: true });
    await this.page.waitForFunction(
      (img: HTMLImageElement) => img.complete && img.naturalWidth > 0,
      {},
      image as unknown as HTMLImageElement,
    );
    const png = PNG.sync.read(Buffer.from((await image?.screenshot({ type: 'png' })) ?? []));
    const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    if (!found) throw new Error('no QR code could be read from the two-step page');
    return found.data;
  }

  /** Two-step setup page: the key under "Can't scan it?", as typed into an app (spaces removed). */
  async twoStepKey(): Promise<string> {
    const printed = await this.page.$eval('[data-testid="totp-secret"]', (el) => el.textContent ?? '');
    return printed.replace(/\s+/g, '');
  }

  /** Waits for the done step (a flow's success, or two-step verification turned on); returns its heading. */
  async waitForDone(timeoutMs = 10_000): Promise<string> {
    await this.page.waitForSelector('[data-testid="done"]:not([hidden])', { timeout: timeoutMs });
    return this.page.$eval('#done-heading', (el) => el.textContent?.trim() ?? '');
  }

  maskedDestination(): Promise<string> {
    return this.page.$eval('[data-testid="masked-destination"]', (el) => el.textContent?.trim() ?? '');
  }

  /** The help that tells a seller where else to look: spam folder, edit the number/email. */
  help(): Promise<string> {
    return this.page.$eval('[data-testid="help"]', (el) => el.textContent?.trim() ?? '');
  }
}
