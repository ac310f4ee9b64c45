import type { ShapePart } from './autofill-parts.ts';
import { eraseField } from './fill-input.ts';
import { findOtpFields } from './find-otp-fields.ts';
import { settle } from './next-task.ts';
import { viewOf } from './view-of.ts';

export interface AutofillOptions {
  /**
   * Presses the form's submit after filling, given the last filled input (the user's "submit after fill"
   * setting: submit-form.ts with PART_KIT, a part injected only then); `false` or absent: never.
   */
  submit?: false | ((input: HTMLInputElement) => unknown);
  /** Auto-fill: leave a field that already holds something alone (a person is typing there). */
  keepTyped?: boolean;
}

/**
 * `fields` counts the inputs that hold the code: 1 for a single field, one per box for split boxes.
 * Why not: `no-field` (nothing here is a code field), `typed` (auto-fill found the field already holding
 * something: a person's, left alone), `not-accepted` (the page did not take the code; what we typed is erased),
 * `needs-parts` (the page may have a shape whose part is not injected yet: nothing was touched, and
 * content-bridge.ts injects `parts` and asks again; autofill-parts.ts).
 */
export type AutofillResult =
  | { ok: true; fields: number }
  | { ok: false; reason: 'no-field' | 'typed' | 'not-accepted' }
  | { ok: false; reason: 'needs-parts'; parts: ShapePart[] };

/**
 * Finds the code field(s) in `doc` (shadow roots and same-origin frames included), types `code` there, lets
 * the page settle, and judges by what the page now holds, read the way the component reads it (the boxes in
 * order, or the field without formatting): a component that rejected or mangled the code leaves something
 * else. A fill that did not take is undone, so no stray digits stay behind (issue 14). The caller has already
 * checked the origin with `isExactOrigin`: this function trusts it was asked for the right page. Submitting
 * waits one task so frameworks that re-render asynchronously (Vue's nextTick enabling the "Verify" button)
 * have caught up with the filled value.
 */
export async function autofillDocument(doc: Document, code: string, options: AutofillOptions): Promise<AutofillResult> {
  const missing = new Set<ShapePart>();
  const target = findOtpFields(doc, code.length, missing);
  if (missing.size) return { ok: false, reason: 'needs-parts', parts: [...missing] };
  const first = target?.inputs()[0];
  const view = first && viewOf(first);
  if (!target || !view) return fail('no-field');
  if (options.keepTyped && target.inputs().some((input) => input.value !== '')) return fail('typed');
  // The person at the keyboard wins: a key, click or paste of theirs during our fill stops it, and what they
  // typed is never undone.
  let person = false;
  // Whether the page already held the code when the person stepped in: then the fill took and what they do next
  // is an edit of a filled code (a Backspace right after it landed), not a fill they interrupted.
  let heldWhenPersonCame = false;
  const notice = (event: Event) => {
    if (!event.isTrusted || person) return;
    person = true;
    heldWhenPersonCame = target.read() === code;
  };
  const events = ['keydown', 'pointerdown', 'paste', 'input'];
  for (const type of events) view.addEventListener(type, notice, true);
  try {
    await target.fill(code, () => person);
    await settle(view);
  } finally {
    for (const type of events) view.removeEventListener(type, notice, true);
  }
  // The target as the page shows it now (split boxes a re-render replaced are found again).
  const inputs = target.inputs();
  const took = target.read() === code;
  if (!took && person) return heldWhenPersonCame ? { ok: true, fields: inputs.length } : fail('typed');
  if (!took) {
    for (const input of inputs) eraseField(input);
    inputs[0]?.focus();
    return fail('not-accepted');
  }
  const last = inputs.at(-1);
  const submit = options.submit;
  if (submit && last) view.setTimeout(() => submit(last), 0);
  return { ok: true, fields: inputs.length };
}

/** A refusal with no more to say than its reason (here and in install-autofill-listener.ts). */
export function fail<R extends string>(reason: R): { ok: false; reason: R } {
  return { ok: false, reason };
}

/**
 * A code is only ever filled on its own origin: exact string equality of serialized origins
 * (`scheme://host:port`), never a suffix or "same site" match, and never an opaque origin ("null").
 */
export function isExactOrigin(codeOrigin: string, pageOrigin: string): boolean {
  return codeOrigin !== '' && codeOrigin !== 'null' && codeOrigin === pageOrigin;
}
