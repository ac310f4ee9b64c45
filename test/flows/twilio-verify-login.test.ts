import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWILIO_TEST_ACCOUNT_SID, TWILIO_TEST_AUTH_TOKEN } from '../../relay/src/twilio/create-twilio.ts';
import { startTwilioLoginApp, type TwilioLoginApp } from '../apps/twilio-login-app.ts';
import { type StartRelayOptions, useFlow } from '../harness/index.ts';

describe('an app that logs in with Twilio Verify, pointed at the relay', () => {
  // The app first: its origin (port 0) is what the relay binds Verify codes to (--twilio-origin).
  let app: TwilioLoginApp;
  const relay: StartRelayOptions = {};
  beforeAll(async () => {
    app = await startTwilioLoginApp({
      relayUrl: () => flow.relay.url,
      accountSid: TWILIO_TEST_ACCOUNT_SID,
      authToken: TWILIO_TEST_AUTH_TOKEN,
    });
    relay.args = ['--twilio-origin', app.origin];
  });
  const flow = useFlow({ relay });
  afterAll(() => app?.close());

  it("the code Twilio Verify 'texts' is filled into the app's page by the extension, and the app's check approves it", async () => {
    await flow.browser.enableAutoFill(app.origin);
    const page = await flow.browser.newPage(`${app.origin}/`);
    const phone = '+14155550177';
    await page.type('#phone', phone);
    await page.click('#send');

    const message = await flow.relay.client.waitForMessage({ to: phone });
    expect(message).toMatchObject({ origin: app.origin, binding: 'issuer' });
    // Filled by the extension, not by this test: the page's field gets the code the relay issued.
    await page.waitForFunction(
      (code: string) => document.querySelector<HTMLInputElement>('#code')?.value === code,
      { timeout: 10_000 },
      message.code,
    );
    await page.click('#submit');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'Signed in', {
      timeout: 10_000,
    });
    expect(app.checks).toEqual([{ to: phone, status: 'approved', valid: true }]);
  });

  it('a page on another origin gets nothing, even with auto-fill on there: the code is bound to the app', async () => {
    await flow.browser.enableAutoFill(flow.relay.url);
    await flow.browser.enableAutoFill(app.origin);
    // The same kind of form served from the relay's own origin, open before the code arrives.
    const other = await flow.browser.newPage();
    await other.setRequestInterception(true);
    other.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/other-login') return void request.continue();
      return void request.respond({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><title>Sign in</title><main><label for="code">Verification code</label>
          <input id="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6"></main>`,
      });
    });
    await other.goto(`${flow.relay.url}/other-login`, { waitUntil: 'domcontentloaded' });
    const page = await flow.browser.newPage(`${app.origin}/`);
    const phone = '+14155550178';
    await page.type('#phone', phone);
    await page.click('#send');
    const message = await flow.relay.client.waitForMessage({ to: phone });
    // Of the two open tabs the extension arms only the app's.
    expect(await flow.browser.autoFillDecision(message.id)).toEqual({ armedTabs: 1 });
    await page.waitForFunction(
      (code: string) => document.querySelector<HTMLInputElement>('#code')?.value === code,
      { timeout: 10_000 },
      message.code,
    );
    expect(await other.$eval('#code', (el) => (el as HTMLInputElement).value)).toBe('');
  });
});
