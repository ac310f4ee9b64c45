import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardSms } from '../../relay/test-kit/sms-forwarder.ts';
import { type HttpsSite, httpsSiteArgs, type LaunchOptions, serveHttpsSite, useFlow } from '../harness/index.ts';

/** The seller's real site and a look-alike, both served locally over https. */
const REAL = 'seller-us.tiktok.com';
const LOOK_ALIKE = 'tiktok.com.example';

const PAGE = (host: string) => `<!doctype html><title>Verify on ${host}</title>
<main><h1>Enter verification code</h1>
<form><label for="otp">Verification code</label>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
<button>Verify</button></form></main>`;

const fieldValue = (page: Page) => page.$eval('#otp', (el) => (el as HTMLInputElement).value);

describe('an SMS forwarded by the seller’s phone (SmsForwarder → the phone listener)', () => {
  let site: HttpsSite;
  const browser: Omit<LaunchOptions, 'relay'> = { args: httpsSiteArgs([REAL, LOOK_ALIKE]) };
  beforeAll(async () => {
    site = await serveHttpsSite([REAL, LOOK_ALIKE], PAGE);
    // Auto-fill is on (and granted) on both: only the fill rules keep the code off the look-alike.
    browser.grantedOrigins = [REAL, LOOK_ALIKE].map((host) => new URL(site.url(host)).origin);
  });
  const flow = useFlow({ relay: { args: ['--phone-port', '0'] }, browser });
  afterAll(() => site?.close());

  async function addPhone(): Promise<{ url: string; secret: string }> {
    const answer = await fetch(`${flow.relay.url}/api/v1/phones`, {
      method: 'POST',
      headers: { authorization: `Bearer ${flow.relay.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ app: 'smsforwarder', name: 'Pixel 8' }),
    });
    expect(answer.status).toBe(201);
    return (await answer.json()) as { url: string; secret: string };
  }

  it('shows in the popup as an SMS from TikTok and auto-fills the seller’s page, never the look-alike', async () => {
    for (const origin of browser.grantedOrigins ?? []) await flow.browser.enableAutoFill(origin);
    const lookAlike = await flow.browser.newPage(site.url(LOOK_ALIKE, '/verify'));
    const page = await flow.browser.newPage(site.url(REAL, '/verify'));
    const phone = await addPhone();
    const ca = (JSON.parse(readFileSync(join(flow.relay.configDir, 'phone-tls.json'), 'utf8')) as { cert: string })
      .cert;

    const status = await forwardSms(
      phone.url,
      ca,
      phone.secret,
      'TikTok',
      '[TikTok] 604215 is your verification code, valid for 5 minutes. To keep your account safe, never forward this code.',
    );
    expect(status).toBe(200);
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('#otp')?.value === '604215', {
      timeout: 10_000,
    });
    const message = await flow.relay.client.waitForMessage({ source: 'phone' });
    expect(message).toMatchObject({ source: 'phone', channel: 'sms', code: '604215', site: 'tiktok.com' });
    // Of the two open tabs with auto-fill on, the extension armed only the seller's.
    expect(await flow.browser.autoFillDecision(message.id)).toEqual({ armedTabs: 1 });

    const popup = await flow.browser.openPopup(page);
    const row = await popup.waitForCode('604215');
    expect(row).toMatchObject({ source: 'phone', site: 'tiktok.com', sender: 'SMS from TikTok', fillReason: null });
    expect(await fieldValue(lookAlike)).toBe('');
  });

  it('a forged request (wrong secret) shows nothing and fills nothing', async () => {
    await flow.browser.enableAutoFill(new URL(site.url(REAL)).origin);
    const page = await flow.browser.newPage(site.url(REAL, '/verify'));
    const phone = await addPhone();
    const ca = (JSON.parse(readFileSync(join(flow.relay.configDir, 'phone-tls.json'), 'utf8')) as { cert: string })
      .cert;
    expect(await forwardSms(phone.url, ca, 'not-the-secret', 'TikTok', '[TikTok] 777111 is your code.')).toBe(401);
    const popup = await flow.browser.openPopup(page);
    expect((await popup.codes()).map((c) => c.code)).not.toContain('777111');
    expect(await fieldValue(page)).toBe('');
    expect(await flow.relay.client.listMessages({ source: 'phone' })).toEqual([]);
  });

  it('the options page sets a phone up: URL, the secret once, a QR code of the URL from the relay; the phone then forwards', async () => {
    const options = await flow.browser.newPage(`chrome-extension://${flow.browser.extensionId}/options.html`);
    const form = await options.waitForSelector('[data-testid="phone-add"]');
    await options.select('[data-testid="phone-add"] select', 'smsforwarder');
    await form?.$eval('input', (input) => (input as HTMLInputElement).focus());
    await options.keyboard.type('Pixel 8');
    await options.click('[data-testid="phone-add"] button[type="submit"]');
    await options.waitForSelector('[data-testid="phone-panel"] [data-testid="phone-secret"]', { timeout: 10_000 });
    const text = (id: string) => options.$eval(`[data-testid="${id}"]`, (el) => el.textContent ?? '');
    const url = await text('phone-url');
    const secret = await text('phone-secret');
    // The relay keeps phones across tests (they live in its config directory): find this one by its URL.
    const phone = (await flow.relay.client.phones()).find((p) => p.url === url);
    expect(phone).toMatchObject({ name: 'Pixel 8', app: 'smsforwarder' });
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/phone\/PH[0-9a-f]{16}$/);
    expect(await text('phone-steps')).toContain(`Secret: ${secret}`);

    // The QR code on the page, read back from a screenshot as a phone's camera would: the webhook URL.
    const image = await options.waitForSelector('[data-testid="phone-qr"]', { visible: true });
    await options.waitForFunction(
      (img: HTMLImageElement) => img.complete && img.naturalWidth > 0,
      {},
      image as unknown as HTMLImageElement,
    );
    const png = PNG.sync.read(Buffer.from((await image?.screenshot({ type: 'png' })) ?? []));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(url);

    // What the page showed is what the phone needs.
    const ca = (JSON.parse(readFileSync(join(flow.relay.configDir, 'phone-tls.json'), 'utf8')) as { cert: string })
      .cert;
    expect(await forwardSms(url, ca, secret, 'TikTok', '[TikTok] 550821 is your verification code.')).toBe(200);
    expect(await flow.relay.client.waitForMessage({ source: 'phone' })).toMatchObject({ code: '550821' });

    // Opened again later: the URL and QR code, never the secret.
    await options.reload({ waitUntil: 'domcontentloaded' });
    await options.waitForSelector(`[data-testid="phone"][data-id="${phone?.id}"]`);
    await options.click(`[data-testid="phone"][data-id="${phone?.id}"] button`);
    await options.waitForSelector('[data-testid="phone-panel"] [data-testid="phone-qr"]');
    expect(await options.$('[data-testid="phone-secret"]')).toBeNull();
    expect(await options.$eval('[data-testid="phone-setup"]', (el) => el.textContent ?? '')).not.toContain(secret);
  });
});
