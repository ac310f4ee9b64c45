import { type AutofillOptions, type AutofillResult, autofillDocument } from './autofill-document.ts';
import { collectRoots } from './collect-roots.ts';

export interface ArmOptions extends AutofillOptions {
  /** Wall-clock end of the watch (the code's expiry). */
  expiresAtMs: number;
  /** Called once if the field shows up later and gets filled. */
  onFilled?: (result: AutofillResult) => void;
}

export interface Armed {
  /** The immediate attempt: `ok` when the field was already there. */
  result: AutofillResult;
  /** Stops watching (idempotent). */
  stop: () => void;
}

/**
 * Auto-fill for a code that arrived before its field: fills now if it can, otherwise watches the page (and
 * its open shadow roots and same-origin frames) for the field to appear — the SPA that renders the code step
 * after "Send code" resolves — and fills it once, until `expiresAtMs`. Mutations are batched: one search per
 * burst, at most every CHECK_DELAY_MS, so a busy page does not run the search on every DOM change.
 */
export function armAutofill(doc: Document, code: string, options: ArmOptions): Armed {
  const now = autofillDocument(doc, code, options);
  const view = doc.defaultView;
  const remaining = options.expiresAtMs - Date.now();
  if (now.ok || !view || remaining <= 0) return { result: now, stop: () => {} };

  const observed = new WeakSet<Node>();
  let pending: number | undefined;
  let stopped = false;
  const observer = new view.MutationObserver(() => {
    if (pending === undefined && !stopped) pending = view.setTimeout(check, CHECK_DELAY_MS);
  });
  const observeAll = () => {
    for (const root of collectRoots(doc)) {
      if (observed.has(root)) continue;
      observed.add(root);
      observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ATTRIBUTES });
      // A same-origin frame whose document loads later replaces the one we observed: look again on load.
      for (const frame of root.querySelectorAll('iframe')) {
        if (observed.has(frame)) continue;
        observed.add(frame);
        frame.addEventListener('load', () => check());
      }
    }
  };
  function check() {
    pending = undefined;
    if (stopped) return;
    const result = autofillDocument(doc, code, options);
    if (result.ok) {
      stop();
      options.onFilled?.(result);
    } else {
      observeAll();
    }
  }
  const expiry = view.setTimeout(() => stop(), remaining);
  function stop() {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    view?.clearTimeout(expiry);
    if (pending !== undefined) view?.clearTimeout(pending);
  }
  observeAll();
  return { result: now, stop };
}

const CHECK_DELAY_MS = 150;
// Fields appear by insertion (childList) or by being revealed: class/style/hidden flips, enabling.
const ATTRIBUTES = ['class', 'style', 'hidden', 'disabled', 'readonly', 'type', 'aria-hidden'];
