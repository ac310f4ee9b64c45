import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

describe('confirm a payout or a settings change with split digit boxes', () => {
  const flow = useFlow();

  it.each([
    { action: 'payout' as const, purpose: 'transaction' as const },
    { action: 'settings' as const, purpose: 'account_change' as const },
  ])('$action: Fill puts one digit in each box and the confirmation goes through', async ({ action, purpose }) => {
    await flow.browser.disableAutoFill();
    const demo = await flow.openDemo('confirm');
    const to = '+14155550131';
    await demo.requestCode({ action, channel: 'sms', to });
    const message = await flow.relay.client.waitForMessage({ to, purpose });

    const popup = await flow.browser.openPopup(demo.page);
    await popup.waitForCode(message.code);
    await popup.fill(message.code);

    await demo.waitForCodeValue(message.code);
    const boxes = await demo.page.$$eval('.otp-box', (els) => els.map((el) => (el as HTMLInputElement).value));
    expect(boxes).toEqual(message.code.split(''));
    await demo.verify();
    await demo.waitForStatus('success');
  });
});
