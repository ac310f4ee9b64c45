import type { CodeView } from './code-view.ts';

/** Why Fill is off for this code in this tab, or null when it may fill (exact origin match only). */
export function fillBlockReason(view: CodeView, activeOrigin: string | null | undefined): string | null {
  if (view.state === 'expired') return 'This code has expired.';
  if (activeOrigin === undefined) return 'Checking the active tab…';
  if (activeOrigin === null) return `The active tab is not a web page. Open ${view.code.origin} to fill.`;
  if (activeOrigin !== view.code.origin) return `For ${view.code.origin} only; this tab is ${activeOrigin}.`;
  return null;
}
