import { autofillPart, type ShapePart } from './autofill-parts.ts';
import type { SearchRoot } from './collect-roots.ts';
import { fillInput, unformatted } from './fill-input.ts';
import { MIN_BOXES } from './find-split-groups.ts';
import { type FillableMemo, isFillable } from './is-fillable.ts';
import { PART_KIT } from './part-kit.ts';
import { hasCodeType, scoreField } from './score-field.ts';

/**
 * Where a code goes: one input for the whole code, or one box per character in order (split boxes: the split
 * part's SplitTarget, fill-split-inputs.ts). autofill-document.ts fills and judges any of them the same way.
 */
export interface OtpTarget {
  /** The inputs that hold the code, in order, as the page shows them now. */
  inputs: () => HTMLInputElement[];
  /** What they hold, read the way the component reads it (formatting left out, the boxes in order). */
  read: () => string;
  /** Types `code` there the way a person would; `stop` ends it early (the person stepped in). */
  fill: (code: string, stop: () => boolean) => Promise<void>;
}

/**
 * The best place for a code of `codeLength` characters under `root` (open shadow roots and same-origin
 * frames included), or `null` when nothing there is clearly a code field. Every fillable input is scored
 * alone, every group of split boxes as a whole; the highest score wins. On a tie a split group beats a
 * single input, then the earlier in document order wins. A box (maxlength 1–2, or one of a group) is never
 * a single candidate: it cannot hold a 4–10 digit code. A visually hidden input behind visible slots (find-slot-proxy.ts)
 * is a single candidate when it has as many slots as the code has characters.
 *
 * Shadow roots and frames, slot proxies and split boxes are searched by parts injected only into pages that
 * may have them (autofill-parts.ts). When the page may have a shape whose part is not here, that part's name
 * goes into `missing` and the answer is `null`: a search without it could pick the wrong field. "May have" is
 * a cheap superset of what the part finds: an element with an open shadow root or a reachable frame document
 * (roots), a code-type input that is not fillable but a person can focus (slots), MIN_BOXES fillable
 * code-type inputs (split).
 */
export function findOtpFields(root: SearchRoot, codeLength?: number, missing = new Set<ShapePart>()): OtpTarget | null {
  const memo: FillableMemo = new Map();
  const inputs: HTMLInputElement[] = [];
  const proxies: HTMLInputElement[] = [];
  const slots = autofillPart('slots');
  const split = autofillPart('split');
  for (const searchRoot of searchRoots(root, missing)) {
    // The cheap type test first: checkboxes, hidden tokens and buttons are most of a page's inputs.
    for (const input of searchRoot.querySelectorAll('input')) {
      if (!hasCodeType(input)) continue;
      if (isFillable(input, memo)) inputs.push(input);
      else if (slots) slots(input, codeLength, isFillable) && proxies.push(input);
      else if (input.tabIndex >= 0 && !input.disabled && !input.readOnly) missing.add('slots');
    }
  }
  if (!split && inputs.length >= MIN_BOXES) missing.add('split');
  if (missing.size) return null;
  let best: OtpTarget | null = null;
  // (A score is at least scoreField's threshold, above 0.)
  let bestScore = 0;
  const consider = (target: OtpTarget, score: number | null) => {
    if (score !== null && score > bestScore) {
      best = target;
      bestScore = score;
    }
  };
  const groups = split?.(inputs, () => findOtpFields(root, codeLength), PART_KIT) ?? [];
  for (const target of groups) consider(target, scoreField(target.group.inputs, codeLength));
  // A box of a group is never a field alone, even when the group does not fit the code (6 boxes, 8 digits).
  const grouped = new Set(groups.flatMap((target) => target.group.inputs));
  for (const input of [...inputs, ...proxies]) {
    if (input.maxLength === 1 || input.maxLength === 2 || grouped.has(input)) continue;
    const single: OtpTarget = {
      inputs: () => [input],
      read: () => unformatted(input),
      fill: (code, stop) => fillInput(input, code, stop),
    };
    consider(single, scoreField([input], codeLength));
  }
  return best;
}

/**
 * `root` and, with the roots part, every open shadow root and same-origin frame document below it; without
 * it, `root` alone, and `roots` goes into `missing` when there is more to search.
 */
export function searchRoots(root: SearchRoot, missing = new Set<ShapePart>()): SearchRoot[] {
  const roots = autofillPart('roots');
  if (roots) return roots(root, isFillable);
  const more = (element: Element) => element.shadowRoot || (element as HTMLIFrameElement).contentDocument;
  if ([...root.querySelectorAll('*')].some(more)) missing.add('roots');
  return [root];
}
