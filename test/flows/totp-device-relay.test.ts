import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RelayProcess, startRelay } from '../harness/index.ts';

/*
 * A virtual TOTP device on the real relay CLI, as a tester's suite drives it through the harness: no browser,
 * only the typed client. Devices live in the relay's memory, like its verifications.
 */
const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('a virtual TOTP device on the relay process', () => {
  let relay: RelayProcess;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(() => relay?.stop());

  const relayNow = async () => Date.parse((await relay.client.clock()).now);
  const appCode = (timestamp: number) => OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(KEY), timestamp });

  it("gives an authenticator app's code on the test clock, moves with it, and is gone once deleted", async () => {
    const device = await relay.client.createTotpDevice({ secret: KEY, label: 'seller@shop.example' });
    expect(device).toMatchObject({
      label: 'seller@shop.example',
      issuer: null,
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
    expect(await relay.client.totpDevices()).toEqual([device]);

    const first = await relay.client.totpCode(device.id);
    expect(first.code).toBe(appCode(await relayNow()));
    expect(first.remainingSeconds).toBeGreaterThanOrEqual(1);
    expect(first.remainingSeconds).toBeLessThanOrEqual(30);

    // The relay's clock, not the wall clock: the code changes when the test clock moves, at once.
    await relay.client.advanceClock(first.remainingSeconds * 1000);
    const next = await relay.client.totpCode(device.id);
    expect(next).toEqual({ code: appCode(await relayNow()), remainingSeconds: 30, period: 30 });

    await relay.client.deleteTotpDevice(device.id);
    await expect(relay.client.totpCode(device.id)).rejects.toMatchObject({ code: 'totp_device_not_found' });
    expect(await relay.client.totpDevices()).toEqual([]);

    // Nothing the relay printed carries the key or a code.
    expect(relay.output()).toContain('totp device added');
    expect(relay.output()).not.toContain(KEY.slice(0, 16));
    for (const { code } of [first, next]) {
      expect(relay.output()).not.toMatch(new RegExp(`(?<![\\da-f.])${code}(?![\\da-f])`));
    }
  });

  it('is kept in memory only: a restarted relay has forgotten it', async () => {
    const device = await relay.client.createTotpDevice({ secret: KEY });
    await relay.restart();
    await expect(relay.client.totpCode(device.id)).rejects.toMatchObject({ code: 'totp_device_not_found' });
    expect(await relay.client.totpDevices()).toEqual([]);
  });
});
