import { activeKeywords } from './active-keywords.ts';
import { eraseField, fillInput, holds } from './fill-input.ts';
import { fillSplitInputs, readBoxes } from './fill-split-inputs.ts';
import { findOtpFields, type OtpTarget } from './find-otp-fields.ts';
import type { SplitGroup } from './find-split-groups.ts';
import { isFillable } from './is-fillable.ts';
import { matchKeywords, normalizeText } from './match-keywords.ts';
import { settle } from './next-task.ts';
import type { SubmitKit } from './submit-form.ts';
import { viewOf } from './view-of.ts';

export interface AutofillOptions {
  /**
   * Presses the form's submit after filling, given the last filled input (the user's "submit after fill"
   * setting: submit-form.ts with SUBMIT_KIT, a part injected only then); `false` or absent: never.
   */
  submit?: false | ((input: HTMLInputElement) => unknown);
  /** Auto-fill: leave a field that already holds something alone (a person is typing there). */
  keepTyped?: boolean;
}

/**
 * `fields` counts the inputs that hold the code: 1 for a single field, one per box for split boxes.
 * Why not: `no-field` (nothing here is a code field), `typed` (auto-fill found the field already holding
 * something: a person's, left alone), `not-accepted` (the page did not take the code; what we typed is erased).
 */
export type AutofillResult =
  | { ok: true; fields: number }
  | { ok: false; reason: 'no-field' | 'typed' | 'not-accepted' };

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
  const target = findOtpFields(doc, code.length);
  const first = target && inputsOf(target)[0];
  const view = first && viewOf(first);
  if (!target || !view) return fail('no-field');
  if (options.keepTyped && inputsOf(target).some((input) => input.value !== '')) return fail('typed');
  // The person at the keyboard wins: a key, click or paste of theirs during our fill stops it, and what they
  // typed is never undone.
  let person = false;
  // Whether the page already held the code when the person stepped in: then the fill took and what they do next
  // is an edit of a filled code (a Backspace right after it landed), not a fill they interrupted.
  let heldWhenPersonCame = false;
  // The target as the page shows it now (split boxes a re-render replaced are found again), and whether it
  // holds the code read the way the component reads it.
  const current = (): OtpTarget =>
    target.kind === 'single' ? target : { kind: 'split', ...currentGroup(doc, target, code.length) };
  const holdsCode = (now: OtpTarget) => (now.kind === 'single' ? holds(now.input, code) : readBoxes(now) === code);
  const notice = (event: Event) => {
    if (!event.isTrusted || person) return;
    person = true;
    heldWhenPersonCame = holdsCode(current());
  };
  const events = ['keydown', 'pointerdown', 'paste', 'input'];
  for (const type of events) view.addEventListener(type, notice, true);
  try {
    if (target.kind === 'single') {
      await fillInput(target.input, code, () => person);
    } else {
      await fillSplitInputs(
        target,
        code,
        () => currentGroup(doc, target, code.length),
        () => person,
      );
    }
    await settle(view);
  } finally {
    for (const type of events) view.removeEventListener(type, notice, true);
  }
  const now = current();
  const inputs = inputsOf(now);
  const took = holdsCode(now);
  if (!took && person) return heldWhenPersonCame ? { ok: true, fields: inputs.length } : fail('typed');
  if (!took) {
    for (const input of inputs) eraseField(input);
    inputs[0]?.focus();
    return fail('not-accepted');
  }
  const last = inputs[inputs.length - 1];
  const submit = options.submit;
  if (submit && last) view.setTimeout(() => submit(last), 0);
  return { ok: true, fields: inputs.length };
}

function fail(reason: 'no-field' | 'typed' | 'not-accepted'): AutofillResult {
  return { ok: false, reason };
}

function inputsOf(target: OtpTarget): HTMLInputElement[] {
  return target.kind === 'single' ? [target.input] : target.inputs;
}

/** The group as the page shows it now: the same boxes, or the ones a re-render put in their place. */
function currentGroup(doc: Document, group: SplitGroup, codeLength: number): SplitGroup {
  if (group.inputs.every((input) => input.isConnected)) return group;
  const again = findOtpFields(doc, codeLength);
  return again?.kind === 'split' ? again : group;
}

/** What submit-form.ts (a part of its own) uses of this script. */
export const SUBMIT_KIT: SubmitKit = {
  visible: isFillable,
  says: (text, list) => matchKeywords(normalizeText(text), activeKeywords()[list]),
};

/**
 * A code is only ever filled on its own origin: exact string equality of serialized origins
 * (`scheme://host:port`), never a suffix or "same site" match, and never an opaque origin ("null").
 */
export function isExactOrigin(codeOrigin: string, pageOrigin: string): boolean {
  return codeOrigin !== '' && codeOrigin !== 'null' && codeOrigin === pageOrigin;
}
