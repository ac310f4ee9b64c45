import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

/*
 * A tester's 2FA setup flow with a virtual TOTP device instead of a phone: the page shows a QR code, the test
 * reads it, hands the otpauth URI to the relay and types the device's code, as a seller types their app's.
 */
describe('turning on two-step verification with a virtual TOTP device', () => {
  const flow = useFlow();

  it("scans the page's QR code into a device whose code the demo accepts", async () => {
    const demo = await flow.openDemo('two-step');
    const device = await flow.relay.client.createTotpDevice({ otpauthUri: await demo.scanQrCode() });
    expect(device).toMatchObject({ issuer: 'Lumen Goods', label: 'Seller Center', digits: 6, period: 30 });

    const { code } = await flow.relay.client.totpCode(device.id);
    await demo.typeCode(code);
    await demo.verify();
    await demo.waitForStatus('success', 'Two-step verification is on');
    expect(await demo.waitForDone()).toBe('Two-step verification is on');
  });

  it('the typed key works too, ten minutes later on the relay clock that both the page and the device read', async () => {
    const demo = await flow.openDemo('two-step');
    const device = await flow.relay.client.createTotpDevice({ secret: await demo.twoStepKey(), label: 'Lumen Goods' });
    await flow.relay.client.advanceClock(600_000);
    const { code } = await flow.relay.client.totpCode(device.id);
    await demo.typeCode(code);
    await demo.verify();
    await demo.waitForStatus('success', 'Two-step verification is on');
  });
});
