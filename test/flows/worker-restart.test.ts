import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

describe('Chrome stops the extension worker (as it does to idle MV3 workers)', () => {
  const flow = useFlow();

  it('no code is lost: the codes held before come back, and one sent while it was stopped arrives', async () => {
    await flow.browser.disableAutoFill();
    const page = await flow.browser.newPage(`${flow.relay.url}/demo/`);
    await flow.relay.client.createVerification({
      to: '+14155550140',
      channel: 'sms',
      purpose: 'login',
      origin: flow.relay.url,
    });
    const before = await flow.relay.client.waitForMessage({ to: '+14155550140' });
    const popup = await flow.browser.openPopup(page);
    await popup.waitForCode(before.code);
    await popup.close();

    await (await flow.browser.worker()).close();

    // Sent while no worker holds the stream.
    await flow.relay.client.createVerification({
      to: 'while-stopped@lumen-goods.example',
      channel: 'email',
      purpose: 'signup',
      origin: flow.relay.url,
    });
    const during = await flow.relay.client.waitForMessage({ to: 'while-stopped@lumen-goods.example' });

    // Opening the popup wakes the worker; it restores its codes and resumes the stream from its cursor.
    const reopened = await flow.browser.openPopup(page);
    await reopened.waitForCode(during.code);
    await reopened.waitForCode(before.code);
    const codes = (await reopened.codes()).map((c) => c.code);
    expect(codes).toEqual([during.code, before.code]);
  });
});
