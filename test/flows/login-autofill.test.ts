import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

describe('log in from a new device with auto-fill on', () => {
  const flow = useFlow();

  it('the code lands in the form without a click (auto-fill is on for the demo origin by default)', async () => {
    const demo = await flow.openDemo('login');
    const to = 'owner@lumen-goods.example';
    await demo.requestCode({ to, password: 'correct horse battery staple' });
    const message = await flow.relay.client.waitForMessage({ to, purpose: 'login' });

    await demo.waitForCodeValue(message.code);
    // Filled, never submitted: the seller still presses Verify (submit-after-fill is off by default).
    expect((await demo.status()).state).not.toBe('success');
    await demo.verify();
    await demo.waitForStatus('success');
  });

  it('a field that appears after the code arrived is filled when it shows up', async () => {
    const to = 'late@lumen-goods.example';
    const page = await flow.browser.newPage(`${flow.relay.url}/demo/`);
    // The code arrives while the page has no code field yet...
    await flow.relay.client.createVerification({ to, channel: 'email', purpose: 'login', origin: flow.relay.url });
    const message = await flow.relay.client.waitForMessage({ to });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // ...then the page renders one (a single-page app switching to its verification step).
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'late-otp';
      input.autocomplete = 'one-time-code';
      input.inputMode = 'numeric';
      input.setAttribute('aria-label', 'Verification code');
      document.querySelector('main')?.append(input);
    });
    await page.waitForFunction(
      (code: string) => document.querySelector<HTMLInputElement>('#late-otp')?.value === code,
      { timeout: 10_000 },
      message.code,
    );
    expect(await page.$eval('#late-otp', (el) => (el as HTMLInputElement).value)).toBe(message.code);
  });
});
