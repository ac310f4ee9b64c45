import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { ContentRequest, FillResponse } from './messages.ts';

/** Where WXT writes entrypoints/content.ts in the built extension. */
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';
// WXT types `files` as the paths it knows from the entrypoints it has seen (its generated PublicPath).
type InjectableFiles = NonNullable<Parameters<typeof browser.scripting.executeScript>[0]['files']>;
const CONTENT_SCRIPT_FILES = [CONTENT_SCRIPT_FILE] as unknown as InjectableFiles;

const FillResponseSchema = z.union([
  z.object({ ok: z.literal(true), fields: z.int().nonnegative() }),
  z.object({ ok: z.literal(false), reason: z.enum(['wrong-origin', 'no-field', 'armed', 'bad-request']) }),
]);

export type BridgeResult = FillResponse | { ok: false; reason: 'unreachable' };

/**
 * Sends a request to the tab's top frame (the content script walks same-origin iframes itself). When no
 * content script answers there yet, injects it once and asks again: injecting first could run it twice on
 * pages where the manifest already put it, and each copy would fill.
 */
export async function sendToContentScript(tabId: number, request: ContentRequest): Promise<BridgeResult> {
  try {
    return parseResponse(await browser.tabs.sendMessage(tabId, request, { frameId: 0 }));
  } catch {
    // "Could not establish connection. Receiving end does not exist.": not injected yet.
  }
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: CONTENT_SCRIPT_FILES });
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
