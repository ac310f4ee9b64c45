// A stand-in for a tester's script, for lifeline.test.ts: it starts a relay and a paired Chromium through the
// harness, says what it started on one stdout line, then waits to be killed.
import { ExtensionBrowser } from './browser.ts';
import { startRelay } from './relay-process.ts';

const relay = await startRelay();
const browser = await ExtensionBrowser.launch({ relay });
process.stdout.write(
  `${JSON.stringify({
    relayPid: relay.pid,
    relayUrl: relay.url,
    configDir: relay.configDir,
    chromiumPid: browser.browser.process()?.pid,
    profile: browser.profile,
  })}\n`,
);
setInterval(() => undefined, 60_000);
