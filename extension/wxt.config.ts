import { EXTENSION_PUBLIC_KEY } from '@otp-relay/shared/constants';
import { defineConfig } from 'wxt';
import { bareUnlistedScripts } from './lib/build/bare-unlisted-scripts.ts';

/**
 * Least privilege (SPEC "Extension"): the relay and local dev sites are reachable without asking; any other
 * site is an optional host permission asked for when the user turns on auto-fill there. `activeTab` covers
 * a fill the user starts (popup button, shortcut) on whatever tab is in front.
 *
 * No `content_scripts`: the autofill script (entrypoints/autofill.ts, an unlisted script) is injected with
 * `scripting.executeScript` only into a tab that has a code to fill, instead of being parsed and run on every
 * local page. Host access is still what lets the background inject it for auto-fill, and what makes tab urls
 * of those sites (only those) visible to tabs.onUpdated without the `tabs` permission.
 */
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  hooks: {
    // The scripts injected into web pages (autofill.js, its language packs) without WXT's startup wrapper.
    'vite:build:extendConfig': bareUnlistedScripts,
  },
  manifest: {
    name: 'otp-relay',
    description: 'Shows verification codes from your local otp-relay and fills them into the right site.',
    minimum_chrome_version: '116',
    // Pinned public key: the id is EXTENSION_ID on every machine, which the relay checks as the stream Origin.
    key: EXTENSION_PUBLIC_KEY,
    // alarms: wakes a sleeping worker to reconnect while the relay is down (timers die with the worker).
    permissions: ['storage', 'activeTab', 'scripting', 'alarms'],
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*', 'http://[::1]/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'otp-relay: verification codes' },
    commands: {
      'fill-newest-code': {
        suggested_key: { default: 'Alt+Shift+O' },
        description: "Fill the newest code for this tab's site",
      },
    },
  },
});
