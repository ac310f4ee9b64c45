import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

/** A page with a textbook OTP field that any autofill would love. */
const PERFECT_FIELD = `<!doctype html><title>Verify</title>
<main><h1>Enter verification code</h1>
<form><label for="otp">Verification code</label>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
<button>Verify</button></form></main>`;

describe('a code is never handed to the wrong site', () => {
  const flow = useFlow();
  let other: Server;
  let otherOrigin = '';

  beforeAll(async () => {
    other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PERFECT_FIELD));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const address = other.address();
    otherOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => {
    other.closeAllConnections();
    return new Promise<void>((resolve) => other.close(() => resolve()));
  });

  it('another origin with a perfect OTP field gets nothing, even with auto-fill on for the code origin', async () => {
    const page = await flow.browser.newPage(`${otherOrigin}/`);
    const to = '+14155550128';
    await flow.relay.client.createVerification({ to, channel: 'sms', purpose: 'login', origin: flow.relay.url });
    const message = await flow.relay.client.waitForMessage({ to });

    const popup = await flow.browser.openPopup(page);
    const row = await popup.waitForCode(message.code);
    expect(row.fillReason).toMatch(/.+/);
    expect(
      await popup.page.$eval(
        `[data-testid="code-row"][data-code="${message.code}"] [data-testid="fill-button"]`,
        (button) => (button as HTMLButtonElement).disabled,
      ),
    ).toBe(true);
    // The background has weighed every open tab for this code and armed none: nothing can fill it later.
    expect(await flow.browser.autoFillDecision(message.id)).toEqual({ armedTabs: 0 });
    expect(await page.$eval('#otp', (el) => (el as HTMLInputElement).value)).toBe('');
  });

  it('localhost is not 127.0.0.1: same relay, same port, other origin, no fill', async () => {
    const localhostUrl = flow.relay.url.replace('127.0.0.1', 'localhost');
    const demoPage = await flow.browser.newPage(`${localhostUrl}/demo/`);
    await demoPage.evaluate(
      (html: string) => {
        document.body.insertAdjacentHTML('beforeend', html);
      },
      PERFECT_FIELD.replace(/<!doctype html><title>Verify<\/title>/, ''),
    );
    const to = '+14155550129';
    await flow.relay.client.createVerification({ to, channel: 'sms', purpose: 'login', origin: flow.relay.url });
    const message = await flow.relay.client.waitForMessage({ to });
    // Auto-fill is on for the demo in all its local spellings, yet the code's origin is 127.0.0.1's only.
    const popup = await flow.browser.openPopup(demoPage);
    expect((await popup.waitForCode(message.code)).fillReason).toMatch(/.+/);
    expect(await flow.browser.autoFillDecision(message.id)).toEqual({ armedTabs: 0 });
    expect(await demoPage.$eval('#otp', (el) => (el as HTMLInputElement).value)).toBe('');
  });

  it('a code for another origin is filled only on that origin, with a click', async () => {
    const page = await flow.browser.newPage(`${otherOrigin}/`);
    const to = '+14155550130';
    await flow.relay.client.createVerification({ to, channel: 'sms', purpose: 'login', origin: otherOrigin });
    const message = await flow.relay.client.waitForMessage({ to });
    // Auto-fill is off for sites the seller didn't opt in: the background decided to arm no tab...
    expect(await flow.browser.autoFillDecision(message.id)).toEqual({ armedTabs: 0 });
    expect(await page.$eval('#otp', (el) => (el as HTMLInputElement).value)).toBe('');
    // ...and one click in the popup fills it.
    const popup = await flow.browser.openPopup(page);
    await popup.waitForCode(message.code);
    await popup.fill(message.code);
    await page.waitForFunction(
      (code: string) => document.querySelector<HTMLInputElement>('#otp')?.value === code,
      { timeout: 10_000 },
      message.code,
    );
  });
});
