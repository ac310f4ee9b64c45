import * as OTPAuth from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from '../../test-kit/relay-test-kit.ts';

/*
 * What a tester of a 2FA setup flow does with a virtual TOTP device, against the demo seller center's "turn on
 * two-step verification" page served by the same relay: read the otpauth URI its QR code holds, add a device
 * from it, and type the device's code. Both sides read the relay's test clock.
 */
let t: TestRelay;
beforeEach(async () => {
  t = await startTestRelay({ demo: true, testClock: true });
});
afterEach(() => t.close());

async function openSetup() {
  const page = await fetch(`${t.relay.url}/demo/two-step`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const uri = (/data-otpauth-uri="([^"]+)"/.exec(html)?.[1] ?? '').replaceAll('&#38;', '&');
  const id = /data-setup="([\w-]+)"/.exec(html)?.[1] ?? '';
  expect(uri).toMatch(/^otpauth:\/\/totp\//);
  return { uri, id };
}

async function verify(setupId: string, code: string) {
  const answer = await fetch(`${t.relay.url}/demo/api/two-step/${setupId}/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  expect(answer.status).toBe(200);
  return (await answer.json()) as { state: string; message: string; enabled: boolean };
}

describe("a TOTP device made from the demo's two-step page", () => {
  it("shows the shop's issuer and account, and its code turns two-step verification on", async () => {
    const setup = await openSetup();
    const device = await t.client.createTotpDevice({ otpauthUri: setup.uri });
    expect(device).toMatchObject({ issuer: 'Lumen Goods', label: 'Seller Center', digits: 6, period: 30 });
    const { code } = await t.client.totpCode(device.id);
    expect(await verify(setup.id, code)).toEqual({
      state: 'success',
      message: 'Two-step verification is on',
      attemptsRemaining: 5,
      enabled: true,
    });
  });

  it('moves with the test clock: after five minutes the old code is refused and the new one accepted', async () => {
    const setup = await openSetup();
    const device = await t.client.createTotpDevice({ otpauthUri: setup.uri });
    const old = (await t.client.totpCode(device.id)).code;
    // Five minutes on (more, in the one-in-a-million case that the demo, which allows one period of drift
    // either way, would still take the old code then).
    const app = OTPAuth.URI.parse(setup.uri);
    const accepted = (now: number) => [-30_000, 0, 30_000].map((offset) => app.generate({ timestamp: now + offset }));
    do await t.client.advanceClock(300_000);
    while (accepted(t.relay.clock.now()).includes(old));
    const fresh = (await t.client.totpCode(device.id)).code;
    expect(fresh).toBe(app.generate({ timestamp: t.relay.clock.now() }));
    expect((await verify(setup.id, old)).state).toBe('wrong');
    expect(await verify(setup.id, fresh)).toMatchObject({ state: 'success', enabled: true });
  });
});
