import type { AutofillResult } from './autofill-document.ts';
import type { SearchRoot } from './collect-roots.ts';

export interface ArmOptions {
  /** Wall-clock end of the watch (the code's expiry). */
  expiresAtMs: number;
  /**
   * Called once when the watch ends by itself after the immediate attempt found no field: the field showed up
   * and a fill was attempted there (whatever its outcome), or none showed up within the budget or before the
   * expiry (`no-field`). Never after `stop()`.
   */
  onEnd?: (result: AutofillResult) => void;
  /**
   * The trees to watch: collect-roots.ts, passed in by autofill.js, because the watch ships as its own part
   * (autofill-parts.ts) and must not bring a copy of what autofill.js already holds.
   */
  roots: (doc: Document) => SearchRoot[];
}

export interface Armed {
  /** The immediate attempt: `ok` when the field was already there and took the code. */
  result: Promise<AutofillResult>;
  /** Stops watching (idempotent). */
  stop: () => void;
}

/**
 * Auto-fill for a code that arrived before its field: `fill` now if it can (autofillDocument with `keepTyped`,
 * given by autofill.js), otherwise watches the page (and its open shadow roots and same-origin frames) for the
 * field to appear — the SPA that renders the code step after "Send code" resolves — until `expiresAtMs`.
 *
 * It never fights the person at the keyboard (issue 14: re-filling on every DOM change undid a person's
 * Backspace within a second, and hung zag-js pages):
 * - one fill attempt per arm, whatever its outcome: once a field was found and written (or found holding a
 *   person's input, which is left alone), the watch ends; a component re-rendering its boxes is not a new
 *   field;
 * - bounded work whatever the page does: mutations are batched (one search per burst, at most every
 *   CHECK_DELAY_MS, longer after a slow search), at most MAX_SEARCHES searches and MAX_SEARCH_MS of search
 *   time per arm; then the watch gives up (the popup's Fill is still there).
 */
export function armAutofill(doc: Document, fill: () => Promise<AutofillResult>, options: ArmOptions): Armed {
  const view = doc.defaultView;
  let stopped = false;
  let pending: number | undefined;
  let searches = 0;
  let searchMs = 0;
  let busy = false;
  let dirty = false;
  let delay = CHECK_DELAY_MS;
  const observed = new WeakSet<Node>();
  // The page changed: search again after the usual pause.
  const changed = () => {
    dirty = true;
    schedule();
  };
  const observer = view ? new view.MutationObserver(changed) : undefined;

  const attempt = async (): Promise<AutofillResult> => {
    busy = true;
    const started = performance.now();
    const result = await fill();
    busy = false;
    searches++;
    // Only the search itself counts against the budget: a fill waits for the page between keys.
    if (result.ok || result.reason !== 'no-field') stop();
    else searchMs += performance.now() - started;
    // The page changed while we searched: look again after the usual pause.
    if (dirty) schedule();
    return result;
  };

  function schedule() {
    if (pending !== undefined || stopped || busy || !view) return;
    pending = view.setTimeout(check, delay);
  }
  async function check() {
    pending = undefined;
    dirty = false;
    if (stopped) return;
    if (searches >= MAX_SEARCHES || searchMs >= MAX_SEARCH_MS) return giveUp();
    const before = searchMs;
    const outcome = await attempt();
    if (outcome.ok || outcome.reason !== 'no-field') return options.onEnd?.(outcome);
    observeAll();
    // A slow search (a huge page) waits proportionally longer: the watch stays a small share of the page's time.
    delay = Math.max(CHECK_DELAY_MS, (searchMs - before) * 20);
  }
  function observeAll() {
    if (!observer) return;
    for (const root of options.roots(doc)) {
      if (observed.has(root)) continue;
      observed.add(root);
      observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ATTRIBUTES });
      // A same-origin frame whose document loads later replaces the one we observed: look again on load.
      for (const frame of root.querySelectorAll('iframe')) {
        if (observed.has(frame)) continue;
        observed.add(frame);
        frame.addEventListener('load', changed);
      }
    }
  }
  const remaining = options.expiresAtMs - Date.now();
  const expiry = view && remaining > 0 ? view.setTimeout(giveUp, remaining) : undefined;
  function giveUp() {
    if (stopped) return;
    stop();
    options.onEnd?.({ ok: false, reason: 'no-field' });
  }
  function stop() {
    if (stopped) return;
    stopped = true;
    observer?.disconnect();
    if (expiry !== undefined) view?.clearTimeout(expiry);
    if (pending !== undefined) view?.clearTimeout(pending);
  }
  if (remaining <= 0 || !view) stop();
  else observeAll();
  const result = attempt();
  return { result, stop };
}

const CHECK_DELAY_MS = 150;
const MAX_SEARCHES = 200;
const MAX_SEARCH_MS = 1_000;
// Fields appear by insertion (childList) or by being revealed: class/style/hidden flips, enabling.
const ATTRIBUTES = ['class', 'style', 'hidden', 'disabled', 'readonly', 'type', 'aria-hidden'];
