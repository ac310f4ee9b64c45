import { browser } from 'wxt/browser';
import type { StoredCode } from './code-store.ts';
import { sendToContentScript } from './content-bridge.ts';
import { originOf, originPattern } from './relay-origins.ts';

export interface ArmOptions {
  autoFillOrigins: readonly string[];
  submit: boolean;
  /** relay clock − local clock, to turn the code's expiry into local wall time for the autofill script. */
  skewMs: number;
  /** Called when a tab filled the code at once (it is not armed again into tabs that load later). */
  onFilled?: (code: StoredCode) => void;
}

/**
 * Auto-fill of a code that just arrived: only when the user turned it on for the code's exact origin, only
 * into tabs showing exactly that origin, and only where we hold host access (never via activeTab: no user
 * gesture here). Returns the ids of the tabs that were sent an ArmRequest.
 */
export async function armMatchingTabs(code: StoredCode, options: ArmOptions): Promise<number[]> {
  if (!(await mayAutoFill(code.origin, options))) return [];
  // Without the `tabs` permission, urls are only visible for tabs we have host access to: exactly our targets.
  const tabs = await browser.tabs.query({});
  const targets = tabs.filter((tab) => tab.id !== undefined && originOf(tab.url) === code.origin);
  const armed: number[] = [];
  await Promise.all(
    targets.map(async (tab) => {
      const tabId = tab.id as number;
      if (await sendArm(tabId, code, options)) armed.push(tabId);
    }),
  );
  return armed.sort((a, b) => a - b);
}

/** Auto-fill is on for exactly this origin and we hold its host permission. */
export async function mayAutoFill(origin: string, options: Pick<ArmOptions, 'autoFillOrigins'>): Promise<boolean> {
  if (!options.autoFillOrigins.includes(origin)) return false;
  return browser.permissions.contains({ origins: [originPattern(origin)] });
}

/**
 * Sends an ArmRequest to one tab (injecting the autofill script there if needed); whether the tab took it.
 * The caller has checked `mayAutoFill` and the tab's origin.
 */
export async function sendArm(tabId: number, code: StoredCode, options: ArmOptions): Promise<boolean> {
  const result = await sendToContentScript(tabId, {
    type: 'otp-relay/arm',
    code: code.code,
    origin: code.origin,
    submit: options.submit,
    expiresAtMs: code.expiresAt - options.skewMs,
  });
  if (result.ok) options.onFilled?.(code);
  return result.ok || result.reason !== 'unreachable';
}
