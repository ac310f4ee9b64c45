import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmailLoginApp, startEmailLoginApp } from '../apps/email-login-app.ts';
import { httpsSiteArgs, type LaunchOptions, useFlow } from '../harness/index.ts';

const HOST = 'login.mailshop.example';

async function signIn(page: Page, email: string): Promise<void> {
  await page.type('#email', email);
  await page.click('#send');
  await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'We emailed you a code.', {
    timeout: 10_000,
  });
}

async function waitForCode(page: Page, code: string): Promise<void> {
  await page.waitForFunction(
    (c: string) => document.querySelector<HTMLInputElement>('#code')?.value === c,
    { timeout: 10_000 },
    code,
  );
}

describe('an app that emails its sign-in code with nodemailer to the relay’s SMTP server', () => {
  // The app first: the browser is told its origin (a host mapped to 127.0.0.1, granted for auto-fill).
  let app: EmailLoginApp;
  const browser: Omit<LaunchOptions, 'relay'> = { args: httpsSiteArgs([HOST]) };
  beforeAll(async () => {
    app = await startEmailLoginApp({ host: HOST, from: 'codes@mailshop.example', smtpPort: () => flow.relay.smtpPort });
    browser.grantedOrigins = [app.origin];
  });
  const flow = useFlow({ browser });
  afterAll(() => app?.close());

  it('auto-fills the emailed code into the app’s page, and the app signs the user in', async () => {
    await flow.browser.enableAutoFill(app.origin);
    const page = await flow.browser.newPage(`${app.origin}/`);
    const email = 'alice@test.example';
    await signIn(page, email);

    const message = await flow.relay.client.waitForMessage({ to: email, source: 'smtp' });
    // A real SMTP session: the From domain bound the code to the app's site.
    expect(message).toMatchObject({
      source: 'smtp',
      channel: 'email',
      site: 'mailshop.example',
      binding: 'email-domain',
    });
    expect(message.subject).toBe('Your mailshop.example sign-in code');
    await waitForCode(page, message.code as string);
    await page.click('#submit');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'Signed in', {
      timeout: 10_000,
    });
    expect(app.checks).toEqual([{ email, ok: true }]);
  });

  it('without auto-fill the popup lists it as an email from the app and fills it with a click', async () => {
    await flow.browser.disableAutoFill();
    const page = await flow.browser.newPage(`${app.origin}/`);
    const email = 'bob@test.example';
    await signIn(page, email);
    const message = await flow.relay.client.waitForMessage({ to: email, source: 'smtp' });
    const popup = await flow.browser.openPopup(page);
    const row = await popup.waitForCode(message.code as string);
    expect(row).toMatchObject({ source: 'smtp', site: 'mailshop.example', fillReason: null });
    expect(row.sender).toBe('Email from codes@mailshop.example');
    await popup.fill(message.code as string);
    await waitForCode(page, message.code as string);
    await page.click('#submit');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'Signed in', {
      timeout: 10_000,
    });
    expect(app.checks.at(-1)).toEqual({ email, ok: true });
  });
});
