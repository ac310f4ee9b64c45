import { codeTarget, fillVerdict, type PageAt } from '../fill-rules.ts';
import type { CodeView } from './code-view.ts';

/**
 * Why Fill is off for this code in this tab, or null when it may fill (by the fill rules; a code bound to no
 * site may, after a confirmation: see `fillConfirmation`).
 */
export function fillBlockReason(view: CodeView, activePage: PageAt | null | undefined): string | null {
  if (view.state === 'expired') return 'This code has expired.';
  if (activePage === undefined) return 'Checking the active tab…';
  const target = codeTarget(view.code);
  if (activePage === null) return `The active tab is not a web page. Open ${target ?? 'the page it is for'} to fill.`;
  const verdict = fillVerdict(view.code, activePage);
  if (verdict.ok || verdict.reason === 'needs-confirmation') return null;
  return view.code.binding === 'issuer'
    ? `For ${target} only; this tab is ${activePage.origin}.`
    : `For https pages of ${target} only; this tab is ${activePage.origin}.`;
}

/** The question a second click answers before a code bound to no site goes into this tab, or null if none. */
export function fillConfirmation(view: CodeView, activePage: PageAt | null | undefined): string | null {
  if (view.state === 'expired' || !activePage) return null;
  const verdict = fillVerdict(view.code, activePage);
  return !verdict.ok && verdict.reason === 'needs-confirmation' ? verdict.message : null;
}
