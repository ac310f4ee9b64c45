import { describe, expect, it } from 'vitest';
import { DemoPage, useFlow } from '../harness/index.ts';

/*
 * The page's timers show the relay's time, not the browser's: the relay enforces expiry and cooldown on its own
 * clock, so a page counting on a visitor's wrong clock (or ignoring a tester's test clock) would lie.
 */
describe("the demo page counts down on the relay's clock", () => {
  const flow = useFlow();

  it("a browser clock an hour ahead changes nothing; moving the relay's test clock moves the page", async () => {
    await flow.browser.disableAutoFill();
    const page = await flow.browser.newPage();
    await DemoPage.skewBrowserClock(page, 3_600_000);
    await page.goto(`${flow.relay.url}/demo/signup`, { waitUntil: 'domcontentloaded' });
    const demo = new DemoPage(page);
    expect(await page.evaluate(() => Date.now() - performance.timeOrigin - performance.now())).toBeGreaterThan(
      3_500_000,
    );

    await demo.requestCode({ channel: 'email', to: 'clock@lumen-goods.example' });
    // The relay's test clock stands still: the full ten minutes and the whole 30 s cooldown.
    expect(await demo.expiresIn()).toEqual({ seconds: 600, text: 'Code expires in 10:00' });
    expect(await demo.resendCountdown()).toEqual({ seconds: 30, text: 'Resend code in 0:30' });

    await flow.relay.client.advanceClock(120_000);
    expect(await demo.waitForExpiresIn(480)).toEqual({ seconds: 480, text: 'Code expires in 8:00' });
    expect(await demo.resendCountdown()).toEqual({ seconds: 0, text: 'Resend code' });

    await flow.relay.client.advanceClock(480_000);
    expect(await demo.waitForExpiresIn(0)).toEqual({ seconds: 0, text: 'Code expired' });
    await demo.waitForStatus('expired', 'This code has expired');
  });
});
