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

  it('with submit after fill on, the auto-filled code is also submitted (its part injected beside autofill.js)', async () => {
    const worker = await flow.browser.worker();
    await worker.evaluate(() => chrome.storage.local.set({ submitAfterFill: true }));
    const demo = await flow.openDemo('login');
    const to = 'submits@lumen-goods.example';
    await demo.requestCode({ to, password: 'correct horse battery staple' });
    const message = await flow.relay.client.waitForMessage({ to, purpose: 'login' });

    await demo.waitForCodeValue(message.code);
    await demo.waitForStatus('success');
  });

  it('a field that appears after the code arrived is filled when it shows up', async () => {
    const to = 'late@lumen-goods.example';
    const page = await flow.browser.newPage(`${flow.relay.url}/demo/`);
    // The code arrives while the page has no code field yet...
    await flow.relay.client.createVerification({ to, channel: 'email', purpose: 'login', origin: flow.relay.url });
    const message = await flow.relay.client.waitForMessage({ to });
    // ...and the background armed the open tab with it (the script now watches the page for a field)...
    expect(await flow.browser.autoFillDecision(message.id)).toEqual({ armedTabs: 1 });
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
    // The popup opened over that tab says what auto-fill did there (the script reported the late fill).
    const popup = await flow.browser.openPopup(page);
    await popup.page.waitForFunction(
      () => document.querySelector('[data-testid="auto-fill-outcome"]')?.textContent === 'Auto-fill: Filled.',
      { timeout: 10_000 },
    );
    await popup.close();
  });

  it('a page opened after the code arrived is filled when it loads (nothing was injected beforehand)', async () => {
    const to = 'first-code-then-page@lumen-goods.example';
    await flow.relay.client.createVerification({ to, channel: 'email', purpose: 'login', origin: flow.relay.url });
    const message = await flow.relay.client.waitForMessage({ to });
    // The extension holds the code before any page on its origin is open...
    const worker = await flow.browser.worker();
    const deadline = Date.now() + 10_000;
    while (
      !(await worker.evaluate(async (id: string) => {
        const { codeState } = (await chrome.storage.session.get('codeState')) as {
          codeState?: { codes: { messageId: string }[] };
        };
        return codeState?.codes.some((code) => code.messageId === id) ?? false;
      }, message.id))
    ) {
      if (Date.now() > deadline) throw new Error('the extension never received the code');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // ...then the seller opens the verification page: a new tab on the code's origin with the field in its HTML.
    const page = await flow.browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/verify-after-code') return void request.continue();
      return void request.respond({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><title>Verify</title><main><h1>Enter verification code</h1>
          <form><label for="otp">Verification code</label>
          <input id="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6"><button>Verify</button></form></main>`,
      });
    });
    await page.goto(`${flow.relay.url}/verify-after-code`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(
      (code: string) => document.querySelector<HTMLInputElement>('#otp')?.value === code,
      { timeout: 10_000 },
      message.code,
    );
  });

  it('a page in Portuguese, whose field only its language pack names, is auto-filled (pack injected beside autofill.js)', async () => {
    const to = 'pt-page@lumen-goods.example';
    const page = await flow.browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/verificar') return void request.continue();
      return void request.respond({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        // No English word and no autocomplete=one-time-code: only the 'pt' pack's "código de confirmação" says it.
        body: `<!doctype html><html lang="pt-BR"><title>Entrar</title><main><h1>Confirme que é você</h1>
          <form><label for="c">Código de confirmação</label><input id="c" name="c" maxlength="6">
          <button>Continuar</button></form></main></html>`,
      });
    });
    await page.goto(`${flow.relay.url}/verificar`, { waitUntil: 'load' });
    await flow.relay.client.createVerification({ to, channel: 'email', purpose: 'login', origin: flow.relay.url });
    const message = await flow.relay.client.waitForMessage({ to });
    await page.waitForFunction(
      (code: string) => document.querySelector<HTMLInputElement>('#c')?.value === code,
      { timeout: 10_000 },
      message.code,
    );
  });
});
