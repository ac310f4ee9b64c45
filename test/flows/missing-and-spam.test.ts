import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

describe("codes that don't arrive where the seller looks", () => {
  const flow = useFlow();

  it('a code that never arrives (chaos drop): nothing in the inbox or popup, resend brings one that works', async () => {
    await flow.browser.disableAutoFill();
    const to = '+14155550126';
    await flow.relay.client.setChaos([{ match: { to }, action: 'drop', times: 1 }]);
    const demo = await flow.openDemo('signup');
    await demo.requestCode({ channel: 'sms', to });

    // The shop believes it sent the code; the phone never gets it.
    expect(await flow.relay.client.latestMessage({ to, wait: 1 })).toBeNull();
    const popup = await flow.browser.openPopup(demo.page);
    expect(await popup.codes()).toEqual([]);
    expect(await demo.help()).toMatch(/spam/i);
    await popup.close();

    // The resend button counts down its cooldown; move the relay clock past it instead of waiting.
    await flow.relay.client.advanceClock(31_000);
    await demo.resend();
    const message = await flow.relay.client.waitForMessage({ to });
    const reopened = await flow.browser.openPopup(demo.page);
    await reopened.waitForCode(message.code);
    await reopened.fill(message.code);
    await demo.waitForCodeValue(message.code);
    await demo.verify();
    await demo.waitForStatus('success');
  });

  it('a code filtered into spam (chaos spam) is marked as such in the popup and still fills', async () => {
    await flow.browser.disableAutoFill();
    const to = 'spam-folder@lumen-goods.example';
    await flow.relay.client.setChaos([{ match: { channel: 'email' }, action: 'spam' }]);
    const demo = await flow.openDemo('signup');
    await demo.requestCode({ channel: 'email', to });

    expect(await flow.relay.client.latestMessage({ to, folder: 'inbox', wait: 0 })).toBeNull();
    const message = await flow.relay.client.waitForMessage({ to, folder: 'spam' });
    expect(message.folder).toBe('spam');

    const popup = await flow.browser.openPopup(demo.page);
    const row = await popup.waitForCode(message.code);
    expect(row.folder).toBe('spam');
    expect(
      await popup.page.$(`[data-testid="code-row"][data-code="${message.code}"] [data-testid="spam-marker"]`),
    ).not.toBeNull();
    await popup.fill(message.code);
    await demo.waitForCodeValue(message.code);
  });

  it('a delivery failure (chaos fail) is told to the seller on the page', async () => {
    const to = '+14155550127';
    await flow.relay.client.setChaos([{ match: { to }, action: 'fail' }]);
    const demo = await flow.openDemo('signup');
    await demo.page.type('#destination-input', to);
    await demo.page.click('#send-code');
    expect((await demo.waitForStatus('error')).text.length).toBeGreaterThan(0);
    expect(await flow.relay.client.listMessages({ to })).toEqual([]);
  });
});
