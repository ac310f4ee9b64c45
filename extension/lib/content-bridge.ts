import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { ContentRequest, FillResponse } from './messages.ts';

/**
 * Where WXT writes entrypoints/autofill.ts (an unlisted script) in the built extension. Nothing declares it
 * in the manifest: a content script there would be parsed and run on every matching page, code or no code,
 * so the background injects this file only into the tab that needs it, when it needs it.
 */
export const AUTOFILL_SCRIPT_FILE = '/autofill.js';
// WXT types `files` as the paths it knows from the entrypoints it has seen (its generated PublicPath).
type InjectableFiles = NonNullable<Parameters<typeof browser.scripting.executeScript>[0]['files']>;
const AUTOFILL_SCRIPT_FILES = [AUTOFILL_SCRIPT_FILE] as unknown as InjectableFiles;

const FillResponseSchema = z.union([
  z.object({ ok: z.literal(true), fields: z.int().nonnegative() }),
  z.object({ ok: z.literal(false), reason: z.enum(['wrong-origin', 'no-field', 'armed', 'bad-request']) }),
]);

export type BridgeResult = FillResponse | { ok: false; reason: 'unreachable' };

/**
 * Sends a request to the tab's top frame (the script walks same-origin iframes itself). When no copy of the
 * autofill script answers there yet, injects it (activeTab after a user gesture, or our host permission) and
 * asks again. Asking first keeps a frame that already has a copy (an armed page, a second Fill) from parsing
 * the script again; the script itself also makes sure only one copy listens per frame.
 */
export async function sendToContentScript(tabId: number, request: ContentRequest): Promise<BridgeResult> {
  try {
    return parseResponse(await browser.tabs.sendMessage(tabId, request, { frameId: 0 }));
  } catch {
    // "Could not establish connection. Receiving end does not exist.": not injected into this document yet.
  }
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: AUTOFILL_SCRIPT_FILES });
    return parseResponse(await browser.tabs.sendMessage(tabId, request, { frameId: 0 }));
  } catch {
    // No permission for this tab (a site not granted, chrome:// pages, the web store) or the tab went away.
    return { ok: false, reason: 'unreachable' };
  }
}

function parseResponse(value: unknown): BridgeResult {
  const parsed = FillResponseSchema.safeParse(value);
  return parsed.success ? parsed.data : { ok: false, reason: 'bad-request' };
}
