// Produces the README's pictures from the real thing: a relay process, Chromium with the built extension,
// the demo seller center, and the action popup over it, in light and dark.
//   npm run screenshots   (builds the extension first)
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DemoPage, ExtensionBrowser, startRelay } from '../test/harness/index.ts';
import { shootPhoneSetup } from './phone-screenshots.ts';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
mkdirSync(OUT, { recursive: true });

const relay = await startRelay();
try {
  for (const scheme of ['light', 'dark'] as const) {
    await relay.client.reset();
    const browser = await ExtensionBrowser.launch({ relay, colorScheme: scheme });
    try {
      await browser.disableAutoFill();
      const page = await browser.newPage(`${relay.url}/demo/confirm`);
      await page.setViewport({ width: 1100, height: 760 });
      const demo = new DemoPage(page);
      // A few codes from different flows so the popup shows its grouping, a spam mark and the countdowns.
      await relay.client.setChaos([{ match: { to: 'ops@lumen-goods.example' }, action: 'spam' }]);
      await relay.client.createVerification({
        to: 'ops@lumen-goods.example',
        channel: 'email',
        purpose: 'login',
        origin: relay.url,
        ttlSeconds: 300,
      });
      await relay.client.createVerification({
        to: '+14155550100',
        channel: 'sms',
        purpose: 'signup',
        origin: 'https://seller.example.com',
      });
      await demo.requestCode({ action: 'payout', channel: 'sms', to: '+14155550123' });
      await relay.client.waitForMessage({ to: '+14155550123' });
      await page.screenshot({ path: `${OUT}demo-${scheme}.png` });
      const popup = await browser.openPopup(page);
      await popup.page.waitForSelector('[data-testid="code-row"]');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await popup.page.screenshot({ path: `${OUT}popup-${scheme}.png`, fullPage: true });
      console.log(`wrote ${OUT}demo-${scheme}.png and popup-${scheme}.png`);
    } finally {
      await browser.close();
    }
  }
  // How the extension looks once loaded unpacked (Developer mode on): its pinned id, for the README.
  const browser = await ExtensionBrowser.launch({ relay });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 470 });
    await page.goto('chrome://extensions/');
    await page.waitForFunction(() => document.querySelector('extensions-manager') !== null);
    await page.evaluate(() => {
      // chrome://extensions is built of nested open shadow roots; the toggle sits in the toolbar's.
      const manager = document.querySelector('extensions-manager');
      const toolbar = manager?.shadowRoot?.querySelector('extensions-toolbar');
      toolbar?.shadowRoot?.querySelector<HTMLElement>('#devMode')?.click();
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    await page.screenshot({ path: `${OUT}load-unpacked.png` });
    console.log(`wrote ${OUT}load-unpacked.png`);
  } finally {
    await browser.close();
  }
} finally {
  await relay.stop();
}
// The phone setup: `otp-relay phone add` in a terminal, and the options page's Phones section.
await shootPhoneSetup(OUT);
