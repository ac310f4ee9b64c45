import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtensionBrowser, type RelayProcess, startRelay } from '../harness/index.ts';

describe('pairing the extension with a relay, the one step a seller takes', () => {
  let relay: RelayProcess;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    relay = await startRelay();
    browser = await ExtensionBrowser.launch(); // not paired
  });
  afterAll(async () => {
    await browser?.close();
    await relay?.stop();
  });

  it('an unpaired popup says so; a wrong token is refused; the printed token connects and codes flow', async () => {
    const page = await browser.newPage(`${relay.url}/demo/`);
    const popup = await browser.openPopup(page);
    await popup.waitForConnection('not-paired');
    const form = await popup.page.waitForSelector('[data-testid="pairing-form"]');
    expect(form).not.toBeNull();

    const urlField = await popup.page.$('[data-testid="pairing-form"] input[name="relayUrl"]');
    await urlField?.click({ count: 3 });
    await urlField?.type(relay.url);
    const tokenField = await popup.page.$('[data-testid="pairing-form"] input[name="token"]');
    await tokenField?.type('not-the-token-the-relay-printed');
    await popup.page.click('[data-testid="pairing-form"] button[type="submit"]');
    const error = await popup.page.waitForSelector('[data-testid="pairing-error"]');
    expect(await error?.evaluate((el) => el.textContent)).toMatch(/token/i);

    await tokenField?.click({ count: 3 });
    await tokenField?.type(relay.token);
    await popup.page.click('[data-testid="pairing-form"] button[type="submit"]');
    await popup.waitForConnection('connected');

    await relay.client.createVerification({ to: '+14155550150', channel: 'sms', purpose: 'signup', origin: relay.url });
    const message = await relay.client.waitForMessage({ to: '+14155550150' });
    await popup.waitForCode(message.code);
  });
});
