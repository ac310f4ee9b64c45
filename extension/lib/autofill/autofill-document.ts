import { fillInput } from './fill-input.ts';
import { fillSplitInputs } from './fill-split-inputs.ts';
import { findOtpFields } from './find-otp-fields.ts';
import { submitForm } from './submit-form.ts';

export interface AutofillOptions {
  /** Press the form's submit after filling (the user's "submit after fill" setting). */
  submit: boolean;
}

/** `fields` counts the inputs written: 1 for a single field, one per box for split boxes, 0 when not ok. */
export interface AutofillResult {
  ok: boolean;
  fields: number;
}

/**
 * Finds the code field(s) in `doc` (shadow roots and same-origin frames included) and types `code` there.
 * The caller has already checked the origin with `isExactOrigin`: this function trusts it was asked for
 * the right page. Submitting waits one task so frameworks that re-render asynchronously (Vue's nextTick
 * enabling the "Verify" button) have caught up with the filled value.
 */
export function autofillDocument(doc: Document, code: string, options: AutofillOptions): AutofillResult {
  const target = findOtpFields(doc, code.length);
  if (!target) return { ok: false, fields: 0 };
  const inputs = target.kind === 'single' ? [target.input] : target.inputs;
  const ok = target.kind === 'single' ? fillInput(target.input, code) : fillSplitInputs(target.inputs, code);
  if (!ok) return { ok: false, fields: 0 };
  const last = inputs[inputs.length - 1];
  if (options.submit && last) {
    const view = last.ownerDocument.defaultView ?? doc.defaultView;
    view?.setTimeout(() => submitForm(last), 0);
  }
  return { ok: true, fields: inputs.length };
}

/**
 * A code is only ever filled on its own origin: exact string equality of serialized origins
 * (`scheme://host:port`), never a suffix or "same site" match, and never an opaque origin ("null").
 */
export function isExactOrigin(codeOrigin: string, pageOrigin: string): boolean {
  return codeOrigin !== '' && codeOrigin !== 'null' && codeOrigin === pageOrigin;
}
