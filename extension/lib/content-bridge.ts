import { browser } from 'wxt/browser';
import { z } from 'zod';
import { type PartName, SHAPE_PARTS } from './autofill/autofill-parts.ts';
import { pageLanguages } from './autofill/page-languages.ts';
import type { ContentRequest, FillResponse } from './messages.ts';

/**
 * Where WXT writes entrypoints/autofill.ts (an unlisted script) in the built extension. Nothing declares it
 * in the manifest: a content script there would be parsed and run on every matching page, code or no code,
 * so the background injects this file only into the tab that needs it, when it needs it.
 */
export const AUTOFILL_SCRIPT_FILE = '/autofill.js';
/**
 * The parts of it only some requests or pages need (autofill/autofill-parts.ts), each built from
 * entrypoints/autofill-<name>.ts.
 */
export const PART_FILES = {
  arm: '/autofill-arm.js',
  submit: '/autofill-submit.js',
  roots: '/autofill-roots.js',
  slots: '/autofill-slots.js',
  split: '/autofill-split.js',
} as const satisfies Record<PartName, string>;
// WXT types `files` as the paths it knows from the entrypoints it has seen (its generated PublicPath).
type InjectableFiles = NonNullable<Parameters<typeof browser.scripting.executeScript>[0]['files']>;

const FillResponseSchema = z.union([
  z.object({ ok: z.literal(true), fields: z.int().nonnegative() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['wrong-origin', 'no-field', 'typed', 'not-accepted', 'armed', 'bad-request']),
  }),
  z.object({ ok: z.literal(false), reason: z.literal('needs-parts'), parts: z.array(z.enum(SHAPE_PARTS)).min(1) }),
]);

/** What the caller gets: never `needs-parts`, which the bridge answers itself. */
export type BridgeResult = Exclude<FillResponse, { reason: 'needs-parts' }> | { ok: false; reason: 'unreachable' };
type Answer = FillResponse | { ok: false; reason: 'unreachable' };

/**
 * Sends a request to the tab's top frame (the script walks same-origin iframes itself). When no copy of the
 * autofill script answers there yet, injects it (activeTab after a user gesture, or our host permission) and
 * asks again. Asking first keeps a frame that already has a copy (an armed page, a second Fill) from parsing
 * the script again; the script itself also makes sure only one copy listens per frame. The parts the request
 * needs (the auto-fill watch and every shape part for an arm, submit-after-fill when that is on:
 * autofill/autofill-parts.ts) are injected before it is sent, since a frame's copy may be from a request that
 * needed none; a part injected again replaces its first copy. When the script answers that the page may have
 * a shape whose part it lacks (`needs-parts`), those parts are injected and the request sent again, a round
 * per part at most, each round bringing a part not injected yet (frames and shadow roots first, then what is
 * inside them); a script that still asks gets `no-field`, the answer of a search that found nothing.
 */
export async function sendToContentScript(tabId: number, request: ContentRequest): Promise<BridgeResult> {
  const parts = partsFor(request);
  const injected = new Set<PartName>(parts);
  let answer = await firstAnswer(tabId, request, parts);
  // Each round injects at least one shape part not injected yet, so there are as many rounds as parts at most.
  while (!answer.ok && answer.reason === 'needs-parts') {
    const missing = answer.parts.filter((part) => !injected.has(part));
    if (missing.length === 0) return { ok: false, reason: 'no-field' };
    for (const part of missing) injected.add(part);
    try {
      await inject(
        tabId,
        missing.map((part) => PART_FILES[part]),
      );
      answer = parseResponse(await browser.tabs.sendMessage(tabId, request, { frameId: 0 }));
    } catch {
      return { ok: false, reason: 'unreachable' };
    }
  }
  return answer;
}

async function firstAnswer(tabId: number, request: ContentRequest, parts: PartName[]): Promise<Answer> {
  const files = parts.map((part) => PART_FILES[part]);
  let partsIn = false;
  try {
    if (files.length > 0) await inject(tabId, files);
    partsIn = true;
    return parseResponse(await browser.tabs.sendMessage(tabId, request, { frameId: 0 }));
  } catch {
    // "Could not establish connection. Receiving end does not exist.": not injected into this document yet.
  }
  try {
    await inject(tabId, [...(partsIn ? [] : files), ...(await scriptFiles(tabId))]);
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

/** The parts a request needs whatever the page: an arm's watch cannot know what the page will become. */
function partsFor(request: ContentRequest): PartName[] {
  return [
    ...(request.type === 'otp-relay/arm' ? (['arm', ...SHAPE_PARTS] as const) : []),
    ...(request.submit ? (['submit'] as const) : []),
  ];
}

async function inject(tabId: number, files: string[]): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    files: files as unknown as InjectableFiles,
  });
}

function parseResponse(value: unknown): Answer {
  const parsed = FillResponseSchema.safeParse(value);
  return parsed.success ? parsed.data : { ok: false, reason: 'bad-request' };
}
