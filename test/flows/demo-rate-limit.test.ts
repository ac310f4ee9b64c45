import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

/*
 * The demo has no token by design, so one global pace bounds what it creates. Past it, a seller's page says so
 * in plain words instead of failing silently.
 */
describe("the demo's global rate limit, as a seller sees it", () => {
  const flow = useFlow();

  let bots = 0;
  /** A script asking for codes until the demo refuses (the first time: the whole burst of 30). */
  async function drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const response = await fetch(`${flow.relay.url}/demo/api/flows`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flow: 'signup', channel: 'email', to: `bot${bots++}@example.com` }),
      });
      await response.body?.cancel();
      if (response.status === 429) return sent;
      expect(response.status).toBe(201);
      sent += 1;
    }
  }

  it('after a burst of codes from a script, the page says Seller Center is busy and sends nothing', async () => {
    const demo = await flow.openDemo('signup');
    await demo.page.click('#channel-email');
    await demo.page.type('#destination-input', 'seller@lumen-goods.example');
    expect(await drain()).toBeGreaterThanOrEqual(30);
    await demo.page.click('#send-code');
    const status = await demo.waitForStatus('error', 'Seller Center is getting too many requests right now.');
    expect(status.text).toMatch(/^Seller Center is getting too many requests right now\. Try again in \d+ seconds?\.$/);
    expect(await demo.page.$eval('#code-step', (el) => (el as HTMLElement).hidden)).toBe(true);
    expect(await flow.relay.client.listMessages({ to: 'seller@lumen-goods.example' })).toEqual([]);
  });
});
