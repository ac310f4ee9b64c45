import { codeTarget, fillVerdict } from '../fill-rules.ts';
import type { CodeView } from './code-view.ts';

/**
 * Why Fill is off for this code in this tab, or null when it may fill (by the fill rules; a code bound to no
 * site may, after a confirmation: see `fillConfirmation`).
 */
export function fillBlockReason(view: CodeView, activeOrigin: string | null | undefined): string | null {
  if (view.state === 'expired') return 'This code has expired.';
  if (activeOrigin === undefined) return 'Checking the active tab…';
  const target = codeTarget(view.code);
  if (activeOrigin === null) return `The active tab is not a web page. Open ${target ?? 'the page it is for'} to fill.`;
  const verdict = fillVerdict(view.code, activeOrigin);
  if (verdict.ok || verdict.reason === 'needs-confirmation') return null;
  return view.code.binding === 'issuer'
    ? `For ${target} only; this tab is ${activeOrigin}.`
    : `For https pages of ${target} only; this tab is ${activeOrigin}.`;
}

/** The question a second click answers before a code bound to no site goes into this tab, or null if none. */
export function fillConfirmation(view: CodeView, activeOrigin: string | null | undefined): string | null {
  if (view.state === 'expired' || !activeOrigin) return null;
  const verdict = fillVerdict(view.code, activeOrigin);
  return !verdict.ok && verdict.reason === 'needs-confirmation' ? verdict.message : null;
}
