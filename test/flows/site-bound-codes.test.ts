import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpsSite, httpsSiteArgs, serveHttpsSite, useFlow } from '../harness/index.ts';

/** The seller's real site, a sibling subdomain, and two look-alikes, all served locally over https. */
const HOSTS = ['seller-us.tiktok.com', 'shop.tiktok.com', 'tiktok.com.example', 'tiktok-seller.example'];

const PERFECT_FIELD = (host: string) => `<!doctype html><title>Verify on ${host}</title>
<main><h1>Enter verification code</h1>
<form><label for="otp">Verification code</label>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
<button>Verify</button></form></main>`;

const fieldValue = (page: Page) => page.$eval('#otp', (el) => (el as HTMLInputElement).value);

async function waitForField(page: Page, code: string): Promise<void> {
  await page.waitForFunction(
    (c: string) => document.querySelector<HTMLInputElement>('#otp')?.value === c,
    { timeout: 10_000 },
    code,
  );
}

describe('codes that arrive from elsewhere, on real https: pages', () => {
  const flow = useFlow({ browser: { args: httpsSiteArgs(HOSTS) } });
  let site: HttpsSite;

  beforeAll(async () => {
    site = await serveHttpsSite(HOSTS, PERFECT_FIELD);
  });
  afterAll(() => site.close());

  /** An SMS from TikTok, as a phone forwarder hands it to POST /api/v1/inbound. */
  async function smsFromTikTok(code: string) {
    const message = await flow.relay.client.postInbound({
      channel: 'sms',
      from: 'TikTok',
      text: `[TikTok] ${code} is your verification code, valid for 5 minutes. To keep your account safe, never forward this code.`,
    });
    // The relay found the code and bound it to the site by its built-in sender rule.
    expect(message).toMatchObject({ code, site: 'tiktok.com', binding: 'sender-rule' });
    return message;
  }

  it('a relay-issued code for an https origin fills there with a click', async () => {
    const origin = new URL(site.url('seller-us.tiktok.com')).origin;
    const page = await flow.browser.newPage(site.url('seller-us.tiktok.com', '/verify'));
    expect(await page.title()).toBe('Verify on seller-us.tiktok.com');
    const to = '+14155550140';
    await flow.relay.client.createVerification({ to, channel: 'sms', purpose: 'login', origin });
    const message = await flow.relay.client.waitForMessage({ to });
    const popup = await flow.browser.openPopup(page);
    const row = await popup.waitForCode(message.code);
    expect(row.fillReason).toBeNull();
    await popup.fill(message.code);
    await waitForField(page, message.code);
  });

  it('an SMS bound to tiktok.com is listed with its sender and fills on https://seller-us.tiktok.com', async () => {
    const page = await flow.browser.newPage(site.url('seller-us.tiktok.com', '/account/verify'));
    const message = await smsFromTikTok('482913');
    const popup = await flow.browser.openPopup(page);
    const row = await popup.waitForCode('482913');
    expect(row).toMatchObject({ source: 'inbound', site: 'tiktok.com', sender: 'SMS from TikTok', fillReason: null });
    expect(row.remaining).toBeGreaterThan(250);
    expect(
      await popup.page.$eval('[data-testid="code-group"][data-site="tiktok.com"] h2', (el) => el.textContent),
    ).toContain('tiktok.com');
    await popup.fill(message.code as string);
    await waitForField(page, '482913');
  });

  it('the same site’s other subdomain takes it too (shop.tiktok.com)', async () => {
    const page = await flow.browser.newPage(site.url('shop.tiktok.com', '/verify'));
    await smsFromTikTok('519204');
    const popup = await flow.browser.openPopup(page);
    expect((await popup.waitForCode('519204')).fillReason).toBeNull();
    await popup.fill('519204');
    await waitForField(page, '519204');
  });

  it.each(['tiktok.com.example', 'tiktok-seller.example'])(
    'the look-alike %s gets nothing, from the popup or by asking the background directly',
    async (host) => {
      const page = await flow.browser.newPage(site.url(host, '/verify'));
      const message = await smsFromTikTok(host === 'tiktok.com.example' ? '630481' : '741592');
      const popup = await flow.browser.openPopup(page);
      const row = await popup.waitForCode(message.code as string);
      expect(row.fillReason).toBe(`For https pages of tiktok.com only; this tab is ${new URL(site.url(host)).origin}.`);
      // A popup with the button enabled (a bug, or a crafted page of ours) still meets the background's rule.
      const answer = await popup.page.evaluate(
        (messageId: string) => chrome.runtime.sendMessage({ type: 'otp-relay/fill-code', messageId }),
        message.id,
      );
      expect(answer).toMatchObject({ ok: false, reason: 'wrong-origin' });
      expect(await flow.browser.autoFillDecision(message.id)).toEqual({ armedTabs: 0 });
      expect(await fieldValue(page)).toBe('');
    },
  );

  it('a code bound to no site takes a second click that names the sender and the page', async () => {
    const page = await flow.browser.newPage(site.url('seller-us.tiktok.com', '/verify'));
    const message = await flow.relay.client.postInbound({
      channel: 'sms',
      from: '+14155550199',
      text: 'Your verification code is 852036. It expires in 10 minutes.',
    });
    expect(message).toMatchObject({ code: '852036', site: null, binding: 'none' });
    const popup = await flow.browser.openPopup(page);
    const row = await popup.waitForCode('852036');
    expect(row).toMatchObject({ sender: 'SMS from +14155550199', fillReason: null });
    expect(await flow.browser.autoFillDecision(message.id)).toEqual({ armedTabs: 0 });

    await popup.fill('852036');
    expect(await popup.fillQuestion('852036')).toBe('Fill the code from +14155550199 into seller-us.tiktok.com?');
    expect(await fieldValue(page)).toBe('');
    await popup.confirmFill('852036');
    await waitForField(page, '852036');
  });
});
