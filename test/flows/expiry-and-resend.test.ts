import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

describe('a code that expires (test clock)', () => {
  const flow = useFlow();

  it('the popup greys it, the page says expired, a resent code works and the old one fails', async () => {
    await flow.browser.disableAutoFill();
    const demo = await flow.openDemo('signup');
    const to = 'expiry@lumen-goods.example';
    await demo.requestCode({ channel: 'email', to });
    const first = await flow.relay.client.waitForMessage({ to });

    const popup = await flow.browser.openPopup(demo.page);
    await popup.waitForCode(first.code, 'live');

    // Ten minutes pass in a blink on the relay's test clock.
    await flow.relay.client.advanceClock(601_000);
    const greyed = await popup.waitForCode(first.code, 'expired');
    expect(greyed.remaining).toBe(0);
    await popup.waitForCodeGone(first.code);
    expect((await flow.relay.client.getVerification(first.verificationId)).status).toBe('expired');
    expect(await flow.relay.client.listMessages({ to })).toEqual([]);

    await demo.waitForStatus('expired');
    await demo.resend();
    const second = await flow.relay.client.waitForMessage({ to, since: first.createdAt });
    expect(second.code).not.toBe(first.code);

    await demo.typeCode(first.code);
    await demo.verify();
    await demo.waitForStatus('wrong');

    await demo.typeCode(second.code);
    await demo.verify();
    await demo.waitForStatus('success');
  });
});
