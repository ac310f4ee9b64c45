import type { armRequest } from './arm-request.ts';
import type { submitForm } from './submit-form.ts';

/**
 * The pieces of the autofill script that only some requests need, each injected as its own file beside
 * autofill.js (issue 14: autofill.js, injected for every fill, stays under 10 KiB): the auto-fill watch
 * (entrypoints/autofill-arm.ts, for an auto-fill site's arm request: arm-request.ts) and submit-after-fill
 * (entrypoints/autofill-submit.ts, only when that setting is on). content-bridge.ts injects the parts a
 * request needs before sending it. A part leaves itself in a global of the extension's isolated world, shared
 * by every script the background injects into this frame (as the language packs do), and gets what it uses
 * of autofill.js as arguments, so it ships none of it again.
 */
export interface AutofillParts {
  arm: typeof armRequest;
  submit: typeof submitForm;
}
export type PartName = keyof AutofillParts;

const PARTS = Symbol.for('otp-relay/autofill-parts');
type PartHolder = { [PARTS]?: Partial<AutofillParts> };

/** Called by a part's entrypoint when it is injected (a second injection replaces the first copy). */
export function registerPart<N extends PartName>(name: N, part: AutofillParts[N]): void {
  const holder = globalThis as PartHolder;
  holder[PARTS] = { ...holder[PARTS], [name]: part };
}

/** The part, when it has been injected into this frame. */
export function autofillPart<N extends PartName>(name: N): AutofillParts[N] | undefined {
  return (globalThis as PartHolder)[PARTS]?.[name];
}
