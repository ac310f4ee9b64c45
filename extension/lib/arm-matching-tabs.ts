import { browser } from 'wxt/browser';
import { isAuthenticatorCode } from './authenticator/authenticator-code.ts';
import type { StoredCode } from './code-store.ts';
import { type BridgeResult, sendToContentScript } from './content-bridge.ts';
import { autoFillsInto, type FillableCode } from './fill-rules.ts';
import { pageAt } from './registrable-domain.ts';
import { originOf, originPattern } from './relay-origins.ts';

export interface ArmOptions {
  autoFillOrigins: readonly string[];
  submit: boolean;
  /** relay clock − local clock, to turn the code's expiry into local wall time for the autofill script. */
  skewMs: number;
  /** Called when a tab filled the code at once (it is not armed again into tabs that load later). */
  onFilled?: (code: FillableCode) => void;
  /** What each tab answered to its ArmRequest (the popup shows it: auto-fill-outcomes.ts). */
  onArmed?: (tabId: number, code: FillableCode, pageOrigin: string, result: BridgeResult) => void;
}

/**
 * Auto-fill of a code that just arrived: only into tabs the fill rules let it auto-fill (fill-rules.ts: for a
 * relay code, exactly its origin, with auto-fill turned on there), and only where we hold host access (never
 * via activeTab: no user gesture here). Returns the ids of the tabs that were sent an ArmRequest.
 */
export async function armMatchingTabs(code: StoredCode, options: ArmOptions): Promise<number[]> {
  // Without the `tabs` permission, urls are only visible for tabs we have host access to: exactly our targets.
  const tabs = await browser.tabs.query({});
  const armed: number[] = [];
  await Promise.all(
    tabs.map(async (tab) => {
      const pageOrigin = originOf(tab.url);
      if (tab.id === undefined || !pageOrigin || !(await mayAutoFill(code, pageOrigin, options))) return;
      if (await sendArm(tab.id, code, pageOrigin, options)) armed.push(tab.id);
    }),
  );
  return armed.sort((a, b) => a - b);
}

/** The fill rules let `code` auto-fill a page at `pageOrigin`, and we hold that origin's host permission. */
export async function mayAutoFill(
  code: FillableCode,
  pageOrigin: string,
  options: Pick<ArmOptions, 'autoFillOrigins'>,
): Promise<boolean> {
  if (!autoFillsInto(code, pageAt(pageOrigin), options.autoFillOrigins)) return false;
  return browser.permissions.contains({ origins: [originPattern(pageOrigin)] });
}

/**
 * Sends an ArmRequest to one tab (injecting the autofill script there if needed); whether the tab took it.
 * The caller has checked `mayAutoFill` for the tab's origin, which the script checks again against its own
 * `location.origin` (the tab may have navigated since).
 */
export async function sendArm(
  tabId: number,
  code: FillableCode,
  pageOrigin: string,
  options: ArmOptions,
): Promise<boolean> {
  const result = await sendToContentScript(tabId, {
    type: 'otp-relay/arm',
    code: code.code,
    origin: pageOrigin,
    submit: options.submit,
    // An authenticator code's period is on the local clock already; a relay code's expiry is on the relay's.
    expiresAtMs: isAuthenticatorCode(code) ? code.expiresAt : code.expiresAt - options.skewMs,
  });
  if (result.ok) options.onFilled?.(code);
  options.onArmed?.(tabId, code, pageOrigin, result);
  return result.ok || result.reason !== 'unreachable';
}
