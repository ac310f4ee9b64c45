import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { armAutofill } from '../lib/autofill/arm-autofill.ts';
import { autofillDocument, isExactOrigin } from '../lib/autofill/autofill-document.ts';
import { type ContentRequest, type FillResponse, isContentRequest } from '../lib/messages.ts';

/** Set on the isolated world's global by the first copy of this script in a frame. */
const INSTALLED = Symbol.for('otp-relay/content-script');

/**
 * Fills codes the background asks for. Runs on every page it matches, so it stays small: no zod (messages
 * are checked by hand with `isContentRequest`), no UI. The background may also inject this same file into
 * any tab through activeTab, and a second listening copy in the same frame would fill twice. WXT's context
 * already invalidates the older copy when a newer one starts (the older one then unhooks itself below); the
 * flag on the isolated world's global covers a second start while the first copy is still valid.
 */
export default defineContentScript({
  matches: ['http://localhost/*', 'http://127.0.0.1/*', 'http://[::1]/*'],
  allFrames: false,
  runAt: 'document_idle',
  main(ctx) {
    const global = globalThis as { [INSTALLED]?: boolean };
    if (global[INSTALLED]) return;
    global[INSTALLED] = true;

    let disarm: (() => void) | undefined;
    const handle = (request: ContentRequest): FillResponse => {
      if (!isExactOrigin(request.origin, location.origin)) return { ok: false, reason: 'wrong-origin' };
      disarm?.();
      disarm = undefined;
      const options = { submit: request.submit };
      if (request.type === 'otp-relay/fill') {
        const result = autofillDocument(document, request.code, options);
        return result.ok ? { ok: true, fields: result.fields } : { ok: false, reason: 'no-field' };
      }
      if (request.expiresAtMs <= Date.now()) return { ok: false, reason: 'no-field' };
      const armed = armAutofill(document, request.code, { ...options, expiresAtMs: request.expiresAtMs });
      if (armed.result.ok) return { ok: true, fields: armed.result.fields };
      disarm = armed.stop;
      return { ok: false, reason: 'armed' };
    };

    const listener = (message: unknown, sender: { id?: string }, sendResponse: (response: FillResponse) => void) => {
      // Only our own extension's pages and worker talk to us (runtime.onMessage carries nothing else, but a
      // message that is not one of ours gets a plain refusal, never a fill).
      if (sender.id !== browser.runtime.id || !isContentRequest(message)) {
        sendResponse({ ok: false, reason: 'bad-request' });
        return;
      }
      sendResponse(handle(message));
    };
    browser.runtime.onMessage.addListener(listener);
    ctx.onInvalidated(() => {
      disarm?.();
      browser.runtime.onMessage.removeListener(listener);
      global[INSTALLED] = false;
    });
  },
});
