import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleRuntimeMessage } from '../lib/background-router.ts';
import { createBackground } from '../lib/create-background.ts';
import { FILL_COMMAND, runFillCommand } from '../lib/fill-command.ts';
import { restrictStorage } from '../lib/restrict-storage.ts';

/** Wakes a worker that slept while the relay was down (its retry timers died with it). */
const WAKE_ALARM = 'otp-relay/wake';

export default defineBackground({
  type: 'module',
  main() {
    // Before anything stores or injects: no content script may read the token (lib/restrict-storage.ts).
    const restricted = restrictStorage().catch((error: unknown) => {
      console.error('otp-relay: could not restrict storage to the extension', error);
    });
    // Settings sync, stream link, code keeper, seeding and fill policy (lib/create-background.ts wires them).
    const background = createBackground();
    const started = restricted.then(() => background.start());

    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      void started.then(() => handleRuntimeMessage(message, sender, browser.runtime.id, background)).then(sendResponse);
      return true;
    });
    // Arms a tab that loads after its code arrived (the autofill script is injected on demand, never up front).
    // Cheap for every other page load: without the `tabs` permission their url is hidden, and that ends it.
    browser.tabs.onUpdated.addListener((tabId, change, tab) => {
      if (change.status === 'complete' && tab.url)
        void started.then(() => background.fill.armLoadedTab(tabId, change, tab));
    });
    browser.commands.onCommand.addListener((command) => {
      if (command === FILL_COMMAND) void started.then(() => runFillCommand(background.fill));
    });
    void browser.alarms.create(WAKE_ALARM, { periodInMinutes: 0.5 });
    browser.alarms.onAlarm.addListener(() => {
      // Waking the worker ran main() again, which reconnects from the stored cursor. Every 30 s it also locks
      // the authenticator once its idle time has passed (any reader of the key checks that too).
      void started.then(() => background.lockIdleAuthenticator());
    });
  },
});
