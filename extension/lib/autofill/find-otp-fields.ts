import { collectRoots, type SearchRoot } from './collect-roots.ts';
import { findSlotProxy } from './find-slot-proxy.ts';
import { findSplitGroups, type SplitGroup } from './find-split-groups.ts';
import { type FillableMemo, isFillable } from './is-fillable.ts';
import { hasCodeType, scoreField } from './score-field.ts';

/** Where a code goes: one input for the whole code, or one box per character in order. */
export type OtpTarget = { kind: 'single'; input: HTMLInputElement } | ({ kind: 'split' } & SplitGroup);

/**
 * The best place for a code of `codeLength` characters under `root` (open shadow roots and same-origin
 * frames included), or `null` when nothing there is clearly a code field. Every fillable input is scored
 * alone, every group of split boxes as a whole; the highest score wins. On a tie a split group beats a
 * single input, then the earlier in document order wins. A box (maxlength 1–2, or one of a group) is never
 * a single candidate: it cannot hold a 4–10 digit code. A visually hidden input behind visible slots (find-slot-proxy.ts)
 * is a single candidate when it has as many slots as the code has characters.
 */
export function findOtpFields(root: SearchRoot, codeLength?: number): OtpTarget | null {
  const memo: FillableMemo = new Map();
  const inputs: HTMLInputElement[] = [];
  const proxies: HTMLInputElement[] = [];
  for (const searchRoot of collectRoots(root)) {
    // The cheap type test first: checkboxes, hidden tokens and buttons are most of a page's inputs.
    for (const input of searchRoot.querySelectorAll('input')) {
      if (!hasCodeType(input)) continue;
      if (isFillable(input, memo)) inputs.push(input);
      else if (findSlotProxy(input, codeLength)) proxies.push(input);
    }
  }
  let best: { target: OtpTarget; score: number } | null = null;
  const consider = (target: OtpTarget, score: number | null) => {
    if (score !== null && (!best || score > best.score)) best = { target, score };
  };
  const groups = findSplitGroups(inputs);
  for (const group of groups) consider({ kind: 'split', ...group }, scoreField(group.inputs, codeLength));
  // A box of a group is never a field alone, even when the group does not fit the code (6 boxes, 8 digits).
  const grouped = new Set(groups.flatMap((group) => group.inputs));
  for (const input of [...inputs, ...proxies]) {
    if (input.maxLength === 1 || input.maxLength === 2 || grouped.has(input)) continue;
    consider({ kind: 'single', input }, scoreField([input], codeLength));
  }
  return (best as { target: OtpTarget } | null)?.target ?? null;
}
