import type { Browser } from 'wxt/browser';
import { type ArmOptions, mayAutoFill, sendArm } from './arm-matching-tabs.ts';
import type { FillableCode } from './fill-rules.ts';
import { originOf } from './relay-origins.ts';

/**
 * Auto-fill for a tab that finished loading after its code arrived: the seller gets the code first, then opens
 * (or navigates to) the verification page. Nothing is injected ahead of time, so the background arms such a
 * tab itself from tabs.onUpdated. Without the `tabs` permission, `tab.url` is only there for tabs we have host
 * access to, which are exactly the tabs we could fill; every other page load is dismissed on that alone.
 * `codeFor` picks the code to arm for an origin (the newest live one not filled yet), or none.
 * Returns whether the tab was sent an ArmRequest.
 */
export async function armLoadedTab(
  tabId: number,
  change: Browser.tabs.OnUpdatedInfo,
  tab: Browser.tabs.Tab,
  codeFor: (origin: string) => FillableCode | undefined | Promise<FillableCode | undefined>,
  options: ArmOptions,
): Promise<boolean> {
  if (change.status !== 'complete') return false;
  const origin = originOf(tab.url);
  const code = origin ? await codeFor(origin) : undefined;
  if (!origin || !code || !(await mayAutoFill(code, origin, options))) return false;
  return sendArm(tabId, code, origin, options);
}
