import { browser } from 'wxt/browser';
import type { StoredCode } from './code-store.ts';
import { sendToContentScript } from './content-bridge.ts';
import { originOf, originPattern } from './relay-origins.ts';

export interface ArmOptions {
  autoFillOrigins: readonly string[];
  submit: boolean;
  /** relay clock − local clock, to turn the code's expiry into local wall time for the content script. */
  skewMs: number;
}

/**
 * Auto-fill of a code that just arrived: only when the user turned it on for the code's exact origin, only
 * into tabs showing exactly that origin, and only where we hold host access (never via activeTab: no user
 * gesture here). Returns the ids of the tabs that were sent an ArmRequest.
 */
export async function armMatchingTabs(code: StoredCode, options: ArmOptions): Promise<number[]> {
  if (!options.autoFillOrigins.includes(code.origin)) return [];
  if (!(await browser.permissions.contains({ origins: [originPattern(code.origin)] }))) return [];
  // Without the `tabs` permission, urls are only visible for tabs we have host access to: exactly our targets.
  const tabs = await browser.tabs.query({});
  const targets = tabs.filter((tab) => tab.id !== undefined && originOf(tab.url) === code.origin);
  const armed: number[] = [];
  await Promise.all(
    targets.map(async (tab) => {
      const tabId = tab.id as number;
      const result = await sendToContentScript(tabId, {
        type: 'otp-relay/arm',
        code: code.code,
        origin: code.origin,
        submit: options.submit,
        expiresAtMs: code.expiresAt - options.skewMs,
      });
      if (result.ok || result.reason !== 'unreachable') armed.push(tabId);
    }),
  );
  return armed.sort((a, b) => a - b);
}
