import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

/** A code that is certainly not `code`: same length, every digit shifted. */
const wrong = (code: string, shift = 1) => code.replace(/\d/g, (digit) => String((Number(digit) + shift) % 10));

describe('a mistyped code', () => {
  const flow = useFlow();

  it('says how many attempts are left, then the right code still verifies', async () => {
    await flow.browser.disableAutoFill();
    const demo = await flow.openDemo('signup');
    const to = '+14155550125';
    await demo.requestCode({ channel: 'sms', to });
    const message = await flow.relay.client.waitForMessage({ to });

    await demo.typeCode(wrong(message.code));
    await demo.verify();
    expect((await demo.waitForStatus('wrong', '4 attempts left')).text).toMatch(/wrong code/i);

    await demo.typeCode(message.code);
    await demo.verify();
    await demo.waitForStatus('success');
  });

  it('five wrong codes lock the verification: even the right code is refused after that', async () => {
    await flow.browser.disableAutoFill();
    const demo = await flow.openDemo('login');
    const to = 'typo@lumen-goods.example';
    await demo.requestCode({ to, password: 'x' });
    const message = await flow.relay.client.waitForMessage({ to });

    for (let attempt = 1; attempt <= 4; attempt++) {
      await demo.typeCode(wrong(message.code, attempt));
      await demo.verify();
      const left = 5 - attempt;
      await demo.waitForStatus('wrong', `${left} attempt${left === 1 ? '' : 's'} left`);
    }
    await demo.typeCode(wrong(message.code, 5));
    await demo.verify();
    expect((await demo.waitForStatus('locked')).text).toMatch(/too many/i);

    // The relay agrees, and the code has left the inbox and the popup.
    const verification = await flow.relay.client.getVerification(message.verificationId);
    expect(verification.status).toBe('max_attempts_reached');
    expect(await flow.relay.client.check(message.verificationId, message.code)).toMatchObject({ valid: false });
    const popup = await flow.browser.openPopup(demo.page);
    await popup.waitForCodeGone(message.code);
  });
});
