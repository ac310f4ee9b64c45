import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

describe('the relay is killed (SIGKILL) in the middle of a burst of codes, then restarted', () => {
  const flow = useFlow();

  it('the extension lists every live code of the restarted relay, and only those', async () => {
    await flow.browser.disableAutoFill();
    const page = await flow.browser.newPage(`${flow.relay.url}/demo/`);
    const popup = await flow.browser.openPopup(page);
    await popup.waitForConnection('connected');
    const create = (to: string) =>
      flow.relay.client.createVerification({ to, channel: 'email', purpose: 'login', origin: flow.relay.url });

    // A burst in flight when the relay dies: no graceful close, no 1001, requests cut off mid-way.
    let created = 0;
    const burst = (async () => {
      for (let i = 0; i < 40; i++) {
        await create(`burst-${i}@lumen-goods.example`).then(
          () => created++,
          () => undefined,
        );
      }
    })();
    while (created < 10) await new Promise((resolve) => setTimeout(resolve, 20));
    await flow.relay.kill();
    await burst;

    await flow.relay.restart();
    // Codes made while the extension is still reconnecting reach it with the snapshot.
    await Promise.all(Array.from({ length: 12 }, (_, i) => create(`after-${i}@lumen-goods.example`)));
    const live = (await flow.relay.client.listMessages()).map((message) => message.code).sort();
    expect(live).toHaveLength(12);

    await popup.waitForConnection('connected', 40_000);
    const deadline = Date.now() + 20_000;
    let shown: string[] = [];
    while (Date.now() < deadline) {
      shown = (await popup.codes()).map((row) => row.code).sort();
      if (shown.join() === live.join()) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(shown).toEqual(live);
  });
});
