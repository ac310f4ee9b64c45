import { browser } from 'wxt/browser';
import { sendToContentScript } from './content-bridge.ts';
import { type FillableCode, fillVerdict } from './fill-rules.ts';
import { pageAt } from './registrable-domain.ts';
import { originOf } from './relay-origins.ts';

export type FillOutcome =
  | { ok: true; fields: number; message: string }
  | {
      ok: false;
      reason: 'no-code' | 'no-tab' | 'wrong-origin' | 'needs-confirmation' | 'no-field' | 'unreachable' | 'failed';
      message: string;
    };

/** The tab in front of the user: where a popup click or the shortcut fills (activeTab grants it). In the
 * service worker, which has no window of its own, "current window" is the last focused one. */
export async function findActiveTab(): Promise<{ id: number; origin: string | null } | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  return { id: tab.id, origin: originOf(tab.url) };
}

/**
 * Fills `code` into the active tab, refusing unless the fill rules let it go into that tab's origin
 * (`confirmed`: the user confirmed a code bound to no site, in a second click naming sender and page).
 */
export async function fillActiveTab(
  code: FillableCode | undefined,
  submit: boolean,
  confirmed = false,
): Promise<FillOutcome> {
  if (!code) return { ok: false, reason: 'no-code', message: 'That code is no longer live.' };
  const tab = await findActiveTab();
  if (!tab) return { ok: false, reason: 'no-tab', message: 'No active tab to fill.' };
  const verdict = fillVerdict(code, tab.origin ? pageAt(tab.origin) : null, confirmed);
  if (!verdict.ok) return { ok: false, reason: verdict.reason, message: verdict.message };
  if (!tab.origin) return { ok: false, reason: 'wrong-origin', message: 'This tab is not a web page.' };
  // The origin the rules approved: the script refuses if the tab has navigated elsewhere since.
  const response = await sendToContentScript(tab.id, {
    type: 'otp-relay/fill',
    code: code.code,
    origin: tab.origin,
    submit,
  });
  if (response.ok) return { ok: true, fields: response.fields, message: 'Filled.' };
  switch (response.reason) {
    case 'wrong-origin':
      return { ok: false, reason: 'wrong-origin', message: `The page is not on ${tab.origin}.` };
    case 'no-field':
    case 'armed':
      return { ok: false, reason: 'no-field', message: 'No verification field found on this page.' };
    case 'not-accepted':
      return {
        ok: false,
        reason: 'failed',
        message: 'The page did not take the code (its field was cleared again): type or paste it by hand.',
      };
    case 'unreachable':
      return { ok: false, reason: 'unreachable', message: 'Cannot reach this page (no access to it).' };
    default:
      return { ok: false, reason: 'failed', message: 'The page did not accept the code.' };
  }
}
