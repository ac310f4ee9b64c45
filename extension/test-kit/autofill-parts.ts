import arm from '../entrypoints/autofill-arm.ts';
import roots from '../entrypoints/autofill-roots.ts';
import slots from '../entrypoints/autofill-slots.ts';
import split from '../entrypoints/autofill-split.ts';
import submit from '../entrypoints/autofill-submit.ts';
import { type AutofillOptions, type AutofillResult, autofillDocument } from '../lib/autofill/autofill-document.ts';
import type { PartName } from '../lib/autofill/autofill-parts.ts';
import { frameGlobal } from '../lib/autofill/frame-global.ts';

const ENTRYPOINTS: Record<PartName, { main: () => void }> = { arm, submit, roots, slots, split };

/**
 * Registers parts of the autofill script (lib/autofill/autofill-parts.ts), every one by default, the way the
 * background injecting their files does: by running their entrypoints. For the tests (and bench pages) that
 * call the autofill modules directly, where nothing injects them.
 */
export function registerParts(names: readonly PartName[] = Object.keys(ENTRYPOINTS) as PartName[]): void {
  for (const name of names) ENTRYPOINTS[name].main();
}

/** No part registered (a frame where only autofill.js was injected). */
export function clearParts(): void {
  delete frameGlobal().parts;
}

/**
 * autofillDocument as content-bridge.ts drives it in a frame that starts with no part: each `needs-parts`
 * answer registers the parts asked for and asks again (a round per shape part at most). Returns the last
 * answer and every part asked for, in order.
 */
export async function fillAsTheBridgeDoes(
  doc: Document,
  code: string,
  options: AutofillOptions,
): Promise<{ result: AutofillResult; asked: PartName[] }> {
  clearParts();
  const asked: PartName[] = [];
  let result = await autofillDocument(doc, code, options);
  for (let round = 0; round < 3 && !result.ok && result.reason === 'needs-parts'; round++) {
    asked.push(...result.parts);
    registerParts(result.parts);
    result = await autofillDocument(doc, code, options);
  }
  return { result, asked };
}
