import { browser } from 'wxt/browser';
import { type ArmRequest, AUTO_FILL_REPORT, type FillResponse } from '../messages.ts';
import { armAutofill } from './arm-autofill.ts';
import type { AutofillResult } from './autofill-document.ts';
import type { SearchRoot } from './collect-roots.ts';

/** An arm request being answered: its first answer, and the watch's stop (idempotent). */
export interface ArmedRequest {
  result: Promise<FillResponse>;
  stop: () => void;
}

/**
 * The auto-fill part's answer to an arm request (install-autofill-listener.ts hands it over with what it needs
 * of autofill.js: the fill and the trees to watch). Lives in the part, not in autofill.js, because only arm
 * requests need it. An expired code is never filled. The first answer is the immediate attempt's outcome, or
 * `armed` while nothing was found yet: the watch goes on, and when it ends later (a fill attempt, or no field
 * within its budget) the outcome is reported to the background, which keeps it for the popup (issue 14).
 */
export function armRequest(
  request: ArmRequest,
  fill: () => Promise<AutofillResult>,
  roots: (doc: Document) => SearchRoot[],
): ArmedRequest {
  if (request.expiresAtMs <= Date.now())
    return { result: Promise.resolve({ ok: false, reason: 'no-field' }), stop() {} };
  const armed = armAutofill(document, fill, { expiresAtMs: request.expiresAtMs, onEnd: report, roots });
  // Still watching only when nothing was found yet; any other outcome ended the watch (one attempt per arm).
  const result = armed.result.then(
    (first): FillResponse => (first.ok || first.reason !== 'no-field' ? first : { ok: false, reason: 'armed' }),
  );
  return { result, stop: armed.stop };
}

function report(result: AutofillResult): void {
  try {
    browser.runtime.sendMessage({ type: AUTO_FILL_REPORT, ...result }).catch(() => undefined);
  } catch {
    // An orphaned copy (its extension was reloaded) has nobody to tell.
  }
}
