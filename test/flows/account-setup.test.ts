import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

describe('account setup: verify a phone or an email', () => {
  const flow = useFlow();

  it.each([
    { channel: 'sms' as const, to: '+14155550123', shown: '23' },
    { channel: 'email' as const, to: 'seller@example.com', shown: '@example.com' },
  ])(
    'by $channel: the code shows in the popup with its time left, one click fills it, the page verifies',
    async ({ channel, to, shown }) => {
      await flow.browser.disableAutoFill();
      const demo = await flow.openDemo('signup');
      await demo.requestCode({ channel, to });

      // The page says where the code went without spelling the destination out.
      const masked = await demo.maskedDestination();
      expect(masked).toContain(shown);
      expect(masked).not.toContain(to);

      const message = await flow.relay.client.waitForMessage({ to, purpose: 'signup' });
      expect(await demo.codeValue()).toBe('');

      const popup = await flow.browser.openPopup(demo.page);
      const row = await popup.waitForCode(message.code);
      expect(row).toMatchObject({ origin: flow.relay.url, channel, purpose: 'signup', folder: 'inbox', state: 'live' });
      expect(row.remaining).toBeGreaterThan(590);
      expect(row.remaining).toBeLessThanOrEqual(600);
      expect(row.fillReason).toBeNull();

      await popup.fill(message.code);
      await demo.waitForCodeValue(message.code);
      await demo.verify();
      await demo.waitForStatus('success');
    },
  );

  it('never writes a code or the token into the relay log', async () => {
    const to = '+14155550124';
    await flow.relay.client.createVerification({ to, channel: 'sms', purpose: 'signup', origin: flow.relay.url });
    const message = await flow.relay.client.waitForMessage({ to });
    expect(flow.relay.output()).not.toContain(message.code);
    expect(flow.relay.output()).not.toContain(flow.relay.token);
  });
});
