import { browser } from 'wxt/browser';
import { autofillDocument, fail, isExactOrigin } from './autofill/autofill-document.ts';
import { autofillPart } from './autofill/autofill-parts.ts';
import { searchRoots } from './autofill/find-otp-fields.ts';
import { frameGlobal } from './autofill/frame-global.ts';
import { PART_KIT } from './autofill/part-kit.ts';
import { type ContentRequest, type FillResponse, isContentRequest } from './messages.ts';

type Listener = (message: unknown, sender: { id?: string }, sendResponse: (response: FillResponse) => void) => boolean;

/**
 * The injected autofill script's whole job: answer the background's Fill and Arm requests for this frame.
 * It is injected on demand (see content-bridge.ts), never declared for every page, and stays small: no zod
 * (requests are checked by hand with `isContentRequest`), no UI, no WXT content-script context. An arm needs
 * the auto-fill watch and a request with `submit` the submit-after-fill part (autofill-parts.ts), which
 * content-bridge.ts injects beside this script for those requests; without it the request is refused. A fill
 * on a page that may have a shape whose part is missing answers `needs-parts` (autofill-document.ts), and the
 * bridge injects it and asks again; an arm comes with every shape part (its watch cannot know what the page
 * will become).
 *
 * At most one copy listens per frame, the newest: a second injection (after an extension reload orphaned the
 * first copy, or a race between two injections) stops the older copy and its watch before listening, so a
 * request is never answered, or filled, twice. Returns the uninstall (tests).
 */
export function installAutofillListener(): () => void {
  // The running copy's uninstall lives in the frame's global (the extension's isolated world: pages cannot see it).
  const shared = frameGlobal();
  shared.uninstall?.();

  let disarm: (() => void) | undefined;
  const handle = async (request: ContentRequest): Promise<FillResponse> => {
    if (!isExactOrigin(request.origin, location.origin)) return fail('wrong-origin');
    disarm?.();
    disarm = undefined;
    const submitPart = autofillPart('submit');
    const arm = autofillPart('arm');
    if ((request.submit && !submitPart) || (request.type === 'otp-relay/arm' && !arm)) {
      return fail('bad-request');
    }
    const submit = request.submit && !!submitPart && ((input: HTMLInputElement) => submitPart(input, PART_KIT));
    // (`!arm`: an arm request without its part was refused above.)
    if (request.type === 'otp-relay/fill' || !arm) return autofillDocument(document, request.code, { submit });
    const armed = arm(
      request,
      () => autofillDocument(document, request.code, { submit, keepTyped: true }),
      searchRoots,
    );
    disarm = armed.stop;
    return armed.result;
  };

  const listener: Listener = (message, sender, sendResponse) => {
    // Only our own worker talks to us (runtime.onMessage carries nothing else, but a message that is not one
    // of ours gets a plain refusal, never a fill).
    if (sender.id !== browser.runtime.id || !isContentRequest(message)) {
      sendResponse(fail('bad-request'));
      return false;
    }
    // A fill waits for the page between keys: answer when it is done (true keeps the channel open).
    void handle(message).then(sendResponse, () => sendResponse(fail('not-accepted')));
    return true;
  };
  browser.runtime.onMessage.addListener(listener);

  const uninstall = () => {
    disarm?.();
    disarm = undefined;
    try {
      browser.runtime.onMessage.removeListener(listener);
    } catch {
      // An orphaned copy (its extension was reloaded) has no runtime left to unhook from.
    }
    if (shared.uninstall === uninstall) delete shared.uninstall;
  };
  shared.uninstall = uninstall;
  return uninstall;
}
