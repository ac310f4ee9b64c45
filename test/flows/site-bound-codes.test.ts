import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpsSite, httpsSiteArgs, serveHttpsSite, useFlow } from '../harness/index.ts';

const HOSTS = ['seller-us.tiktok.com', 'shop.tiktok.com', 'tiktok.com.example', 'tiktok-seller.example'];

const PERFECT_FIELD = (host: string) => `<!doctype html><title>Verify on ${host}</title>
<main><h1>Enter verification code</h1>
<form><label for="otp">Verification code</label>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
<button>Verify</button></form></main>`;

describe('codes bound to a site, on real https: pages', () => {
  const flow = useFlow({ browser: { args: httpsSiteArgs(HOSTS) } });
  let site: HttpsSite;

  beforeAll(async () => {
    site = await serveHttpsSite(HOSTS, PERFECT_FIELD);
  });
  afterAll(() => site.close());

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
    await page.waitForFunction(
      (code: string) => document.querySelector<HTMLInputElement>('#otp')?.value === code,
      { timeout: 10_000 },
      message.code,
    );
  });
});
