import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

describe('the relay restarts mid-flow', () => {
  const flow = useFlow();

  it('the popup shows reconnecting, then connected; old codes are gone and a new code still arrives', async () => {
    await flow.browser.disableAutoFill();
    const page = await flow.browser.newPage(`${flow.relay.url}/demo/`);
    const to = 'restart@lumen-goods.example';
    await flow.relay.client.createVerification({ to, channel: 'email', purpose: 'login', origin: flow.relay.url });
    const before = await flow.relay.client.waitForMessage({ to });

    const popup = await flow.browser.openPopup(page);
    await popup.waitForCode(before.code);
    await popup.waitForConnection('connected');

    await flow.relay.stop();
    await popup.page.waitForSelector(
      '[data-testid="connection-banner"]:is([data-status="reconnecting"], [data-status="unreachable"])',
      { timeout: 10_000 },
    );

    await flow.relay.restart();
    await popup.waitForConnection('connected', 40_000);
    // A restarted relay forgot everything (new epoch): its snapshot empties the list.
    await popup.waitForCodeGone(before.code);

    await flow.relay.client.createVerification({ to, channel: 'email', purpose: 'login', origin: flow.relay.url });
    const after = await flow.relay.client.waitForMessage({ to });
    const row = await popup.waitForCode(after.code);
    expect(row.state).toBe('live');
  });
});
