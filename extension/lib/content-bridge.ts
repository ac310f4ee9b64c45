import { browser } from 'wxt/browser';
import { z } from 'zod';
import { pageLanguages } from './autofill/page-languages.ts';
import type { ContentRequest, FillResponse } from './messages.ts';

/**
 * Where WXT writes entrypoints/autofill.ts (an unlisted script) in the built extension. Nothing declares it
 * in the manifest: a content script there would be parsed and run on every matching page, code or no code,
 * so the background injects this file only into the tab that needs it, when it needs it.
 */
export const AUTOFILL_SCRIPT_FILE = '/autofill.js';
/** The parts of it only some requests need (autofill/autofill-parts.ts), built from entrypoints/autofill-*.ts. */
export const ARM_SCRIPT_FILE = '/autofill-arm.js';
export const SUBMIT_SCRIPT_FILE = '/autofill-submit.js';
// WXT types `files` as the paths it knows from the entrypoints it has seen (its generated PublicPath).
type InjectableFiles = NonNullable<Parameters<typeof browser.scripting.executeScript>[0]['files']>;

const FillResponseSchema = z.union([
  z.object({ ok: z.literal(true), fields: z.int().nonnegative() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['wrong-origin', 'no-field', 'typed', 'not-accepted', 'armed', 'bad-request']),
  }),
]);

export type BridgeResult = FillResponse | { ok: false; reason: 'unreachable' };

/**
 * Sends a request to the tab's top frame (the script walks same-origin iframes itself). When no copy of the
 * autofill script answers there yet, injects it (activeTab after a user gesture, or our host permission) and
 * asks again. Asking first keeps a frame that already has a copy (an armed page, a second Fill) from parsing
 * the script again; the script itself also makes sure only one copy listens per frame. The parts the request
 * needs (the auto-fill watch for an arm, submit-after-fill when that is on: autofill/autofill-parts.ts) are
 * injected before it is sent, since a frame's copy may be from a request that needed none; a part injected
 * again replaces its first copy.
 */
export async function sendToContentScript(tabId: number, request: ContentRequest): Promise<BridgeResult> {
  const parts = partFiles(request);
  let partsIn = false;
  try {
    if (parts.length > 0) await inject(tabId, parts);
    partsIn = true;
    return parseResponse(await browser.tabs.sendMessage(tabId, request, { frameId: 0 }));
  } catch {
    // "Could not establish connection. Receiving end does not exist.": not injected into this document yet.
  }
  try {
    await inject(tabId, [...(partsIn ? [] : parts), ...(await scriptFiles(tabId))]);
    return parseResponse(await browser.tabs.sendMessage(tabId, request, { frameId: 0 }));
  } catch {
    // No permission for this tab (a site not granted, chrome:// pages, the web store) or the tab went away.
    return { ok: false, reason: 'unreachable' };
  }
}

/**
 * The language packs the page needs (lib/autofill/page-languages.ts, run in the page first), then the autofill
 * script: English ships inside it, every other language only where the page is in it (issue 14: keeps the
 * injected script under 10 KiB).
 */
async function scriptFiles(tabId: number): Promise<string[]> {
  let languages: string[] = [];
  try {
    const [frame] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: pageLanguages });
    languages = Array.isArray(frame?.result) ? frame.result.filter((l) => typeof l === 'string') : [];
  } catch {
    // A page that refuses the probe gets English only; the fill itself reports what it found.
  }
  const packs = languages.filter((language) => /^[a-z]{2}$/.test(language)).map((l) => `/autofill-lang-${l}.js`);
  return [...packs, AUTOFILL_SCRIPT_FILE];
}

function partFiles(request: ContentRequest): string[] {
  return [
    ...(request.type === 'otp-relay/arm' ? [ARM_SCRIPT_FILE] : []),
    ...(request.submit ? [SUBMIT_SCRIPT_FILE] : []),
  ];
}

async function inject(tabId: number, files: string[]): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    files: files as unknown as InjectableFiles,
  });
}

function parseResponse(value: unknown): BridgeResult {
  const parsed = FillResponseSchema.safeParse(value);
  return parsed.success ? parsed.data : { ok: false, reason: 'bad-request' };
}
