import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtensionBrowser, type RelayProcess, startRelay } from '../harness/index.ts';

const BIN = fileURLToPath(new URL('../../relay/bin/otp-relay.js', import.meta.url));

describe('a relay that keeps its own token in its config directory, as a seller runs it', () => {
  let relay: RelayProcess;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    relay = await startRelay({ storedToken: true });
    browser = await ExtensionBrowser.launch({ relay }); // paired once, with the token the first start stored
  });
  afterAll(async () => {
    await browser?.close();
    await relay?.stop();
  });

  it('a restart keeps the extension paired; `otp-relay token rotate` then makes it pair again', async () => {
    const paired = relay.token;
    expect(relay.output()).toContain(paired); // the first start shows the token it made
    await browser.disableAutoFill();
    const page = await browser.newPage(`${relay.url}/demo/`);
    const popup = await browser.openPopup(page);
    await popup.waitForConnection('connected');

    await relay.restart();
    expect(relay.token).toBe(paired);
    await popup.waitForConnection('connected', 40_000);
    const to = 'paired@lumen-goods.example';
    await relay.client.createVerification({ to, channel: 'email', purpose: 'login', origin: relay.url });
    await popup.waitForCode((await relay.client.waitForMessage({ to })).code);

    // Rotating on purpose: after the next restart the old token, the one the extension holds, is refused.
    const rotate = spawn(process.execPath, [BIN, 'token', 'rotate', '--config-dir', relay.configDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    expect((await once(rotate, 'exit'))[0]).toBe(0);
    await relay.stop();
    await relay.restart();
    await popup.waitForConnection('token-rejected', 40_000);
  }, 120_000); // two restarts, each waiting out the extension's reconnect backoff
});
