import { describe, expect, it } from 'vitest';
import { squatPort } from '../../relay/test-kit/port-squatter.ts';
import { useFlow } from '../harness/index.ts';

/*
 * Issue 13 item 1 in real Chromium: the relay stops, a real server takes its port and plays relay to the
 * extension (a forged challenge, a hello, a `message` with a code of its own for the demo's origin, where
 * auto-fill is on). Nothing it pushes is shown or filled, and it never receives the token.
 */
describe('a process squatting on the relay’s port while the extension reconnects', () => {
  const flow = useFlow();

  it('shows and fills nothing it pushes, receives no token, and the extension reconnects once the relay is back', async () => {
    const page = await flow.browser.newPage(`${flow.relay.url}/demo/`);
    const popup = await flow.browser.openPopup(page);
    await popup.waitForConnection('connected');
    const to = 'squat@lumen-goods.example';
    await flow.relay.client.createVerification({ to, channel: 'email', purpose: 'login', origin: flow.relay.url });
    const real = await flow.relay.client.waitForMessage({ to });
    await popup.waitForCode(real.code);

    const port = Number(new URL(flow.relay.url).port);
    const { token } = flow.relay;
    await flow.relay.stop();
    const fake = { ...real, id: 'msg_squatted_0001', code: '424242' };
    const envelope = { seq: 9, epoch: '0123456789abcdef', now: new Date().toISOString() };
    const squatter = await squatPort(port, () => [
      JSON.stringify({ type: 'challenge', nonce: 'cd'.repeat(16), proof: 'ef'.repeat(32) }),
      JSON.stringify({ ...envelope, type: 'hello', data: { relayVersion: '9', pingIntervalMs: 30_000 } }),
      JSON.stringify({ ...envelope, type: 'snapshot', data: { messages: [fake], verifications: [] } }),
      JSON.stringify({ ...envelope, seq: 10, type: 'message', data: fake }),
    ]);
    try {
      const deadline = Date.now() + 30_000;
      while (squatter.record.upgrades.length < 1 && Date.now() < deadline) await sleep(200);
      expect(squatter.record.upgrades.length).toBeGreaterThanOrEqual(1);
      await sleep(1000);
      expect((await popup.codes()).map((row) => row.code)).not.toContain('424242');
      const filled = await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => i.value).join());
      expect(filled).not.toContain('424242');
      expect(squatter.everything()).not.toContain(token);
      expect(squatter.record.frames).toEqual([]); // not even a proof of its own: the relay's came first, and failed
      await popup.waitForConnection('token-rejected', 20_000);
    } finally {
      await squatter.close();
    }
    await flow.relay.restart();
    // The relay back on its port: the extension kept trying (at most 30 s apart) and is in again without a click.
    await popup.waitForConnection('connected', 45_000);
    const after = 'back@lumen-goods.example';
    await flow.relay.client.createVerification({
      to: after,
      channel: 'email',
      purpose: 'login',
      origin: flow.relay.url,
    });
    await popup.waitForCode((await flow.relay.client.waitForMessage({ to: after })).code);
  }, 150_000); // the squatter's turn, a restart, then the extension's reconnect backoff
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
