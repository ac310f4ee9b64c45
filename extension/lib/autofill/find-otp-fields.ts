import { collectRoots, type SearchRoot } from './collect-roots.ts';
import { findSplitGroups, isBox } from './find-split-groups.ts';
import { type FillableMemo, isFillable } from './is-fillable.ts';
import { hasCodeType, scoreField } from './score-field.ts';

/** Where a code goes: one input for the whole code, or one box per character in order. */
export type OtpTarget = { kind: 'single'; input: HTMLInputElement } | { kind: 'split'; inputs: HTMLInputElement[] };

/**
 * The best place for a code of `codeLength` characters under `root` (open shadow roots and same-origin
 * frames included), or `null` when nothing there is clearly a code field. Every fillable input is scored
 * alone, every group of split boxes as a whole; the highest score wins. On a tie a split group beats a
 * single input, then the earlier in document order wins. A box (maxlength 1–2) is never a single
 * candidate: it cannot hold a 4–10 digit code.
 */
export function findOtpFields(root: SearchRoot, codeLength?: number): OtpTarget | null {
  const memo: FillableMemo = new Map();
  const inputs = collectRoots(root).flatMap((searchRoot) =>
    // The cheap type test first: checkboxes, hidden tokens and buttons are most of a page's inputs.
    [...searchRoot.querySelectorAll('input')].filter((input) => hasCodeType(input) && isFillable(input, memo)),
  );
  let best: { target: OtpTarget; score: number } | null = null;
  const consider = (target: OtpTarget, score: number | null) => {
    if (score !== null && (!best || score > best.score)) best = { target, score };
  };
  for (const inputsOfGroup of findSplitGroups(inputs)) {
    consider({ kind: 'split', inputs: inputsOfGroup }, scoreField(inputsOfGroup, codeLength));
  }
  for (const input of inputs) {
    if (isBox(input)) continue;
    consider({ kind: 'single', input }, scoreField([input], codeLength));
  }
  return (best as { target: OtpTarget } | null)?.target ?? null;
}
