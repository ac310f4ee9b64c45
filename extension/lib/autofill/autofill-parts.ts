import type { armRequest } from './arm-request.ts';
import type { collectRoots } from './collect-roots.ts';
import type { splitTargets } from './fill-split-inputs.ts';
import type { findSlotProxy } from './find-slot-proxy.ts';
import { frameGlobal } from './frame-global.ts';
import type { submitForm } from './submit-form.ts';

/**
 * The pieces of the autofill script that only some pages or requests need, each injected as its own file
 * beside autofill.js (issue 14: autofill.js, injected for every fill, stays under 10 KiB), built from
 * entrypoints/autofill-<name>.ts:
 * - by request, injected by content-bridge.ts before it sends one: the auto-fill watch (`arm`, for an
 *   auto-fill site's arm request: arm-request.ts) and submit-after-fill (`submit`, only when that setting is on);
 * - by page shape, asked for by autofill.js itself when the page it searches may have that shape
 *   (find-otp-fields.ts answers which, autofill-document.ts says `needs-parts`, content-bridge.ts injects them
 *   and asks again): `roots` (open shadow roots and same-origin frames), `slots` (a hidden input behind
 *   visible slots) and `split` (split digit boxes: finding, filling and reading them). An arm request gets all
 *   three up front, since its watch cannot know what the page will become.
 * A part leaves itself in the frame's global (frame-global.ts, as the language packs do), and gets what it uses of autofill.js as arguments, so it
 * ships none of it again.
 */
export interface AutofillParts {
  arm: typeof armRequest;
  submit: typeof submitForm;
  roots: typeof collectRoots;
  slots: typeof findSlotProxy;
  split: typeof splitTargets;
}
export type PartName = keyof AutofillParts;
/** The parts autofill.js asks for by the page's shape, in the order content-bridge.ts injects them. */
export const SHAPE_PARTS = ['roots', 'slots', 'split'] as const satisfies readonly PartName[];
export type ShapePart = (typeof SHAPE_PARTS)[number];

/** Called by a part's entrypoint when it is injected (a second injection replaces the first copy). */
export function registerPart<N extends PartName>(name: N, part: AutofillParts[N]): void {
  const shared = frameGlobal();
  shared.parts = { ...shared.parts, [name]: part };
}

/** The part, when it has been injected into this frame. */
export function autofillPart<N extends PartName>(name: N): AutofillParts[N] | undefined {
  return frameGlobal().parts?.[name];
}
