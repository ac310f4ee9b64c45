import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

/*
 * "Turn on two-step verification" on the demo seller center, as a seller does it with an authenticator app on
 * a phone: scan the QR code (or type the key), then type the code the app shows. The app's maths is the
 * `otpauth` library's, at the relay's time (its test clock: the relay judges codes by its own clock).
 */
describe('turning on two-step verification on the demo', () => {
  const flow = useFlow();

  async function relayNow(): Promise<number> {
    return Date.parse((await flow.relay.client.clock()).now);
  }

  it('the QR code holds an otpauth URI; the code an app makes from it turns two-step verification on', async () => {
    const demo = await flow.openDemo('two-step');
    const uri = await demo.scanQrCode();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Lumen%20Goods:Seller%20Center\?/);
    const app = OTPAuth.URI.parse(uri);
    expect(app).toBeInstanceOf(OTPAuth.TOTP);
    expect(app.secret.base32).toBe(await demo.twoStepKey());

    await demo.typeCode(app.generate({ timestamp: await relayNow() }));
    await demo.verify();
    expect(await demo.waitForStatus('success', 'Two-step verification is on')).toBeTruthy();
    expect(await demo.waitForDone()).toBe('Two-step verification is on');
  });

  it("a typed key works too; a wrong code is refused and says so, and the page's next code still works", async () => {
    const demo = await flow.openDemo('two-step');
    const secret = OTPAuth.Secret.fromBase32(await demo.twoStepKey());
    const now = await relayNow();
    const accepted = [-30_000, 0, 30_000].map((offset) => OTPAuth.TOTP.generate({ secret, timestamp: now + offset }));
    const wrong = ['000000', '111111', '222222', '333333'].find((code) => !accepted.includes(code)) ?? '';

    await demo.typeCode(wrong);
    await demo.verify();
    const refused = await demo.waitForStatus('wrong');
    expect(refused.text).toBe("That code didn't work. Enter the code your app shows now. 4 attempts left.");
    expect(await demo.codeValue()).toBe('');
    expect(await demo.page.$eval('[data-testid="done"]', (el) => (el as HTMLElement).hidden)).toBe(true);

    // Five minutes later on the relay's clock, the code the app shows then is the one that works.
    await flow.relay.client.advanceClock(300_000);
    await demo.typeCode(OTPAuth.TOTP.generate({ secret, timestamp: await relayNow() }));
    await demo.verify();
    await demo.waitForStatus('success', 'Two-step verification is on');
  });
});
