import type { eraseField, fire, focusField, typeChar } from './fill-input.ts';
import type { OtpTarget } from './find-otp-fields.ts';
import { findSplitGroups, type SplitGroup } from './find-split-groups.ts';
import type { nextTask, settle } from './next-task.ts';
import { type View, viewOf } from './view-of.ts';

/**
 * What the split fill uses of autofill.js (part-kit.ts): this file ships as a part of its own
 * (autofill-parts.ts: only pages with split boxes need it), so it is handed the helpers instead of bundling
 * a second copy of them.
 */
export interface FillKit {
  erase: typeof eraseField;
  fire: typeof fire;
  focus: typeof focusField;
  type: typeof typeChar;
  task: typeof nextTask;
  settle: typeof settle;
}

/** A group of split boxes as a place for the code; `group` is the boxes as they were found. */
export interface SplitTarget extends OtpTarget {
  group: SplitGroup;
}

/**
 * The groups of split boxes among `inputs` (find-split-groups.ts), each as a target: its `inputs()` and
 * `read()` are the group as the page shows it now (when a re-render replaced boxes, `refind` — the search
 * again — finds the new ones), its `fill` is fillSplitInputs.
 */
export function splitTargets(
  inputs: readonly HTMLInputElement[],
  refind: () => OtpTarget | null,
  kit: FillKit,
): SplitTarget[] {
  return findSplitGroups(inputs).map((group) => {
    let now = group;
    const current = () => {
      const again = now.inputs.every((input) => input.isConnected) ? null : refind();
      if (again && 'group' in again) now = (again as SplitTarget).group;
      return now;
    };
    return {
      group,
      inputs: () => current().inputs,
      read: () => readBoxes(current()),
      fill: (code, stop) => fillSplitInputs(group, code, current, kit, stop),
    };
  });
}

/**
 * Fills one character of `code` per box. `current` answers the group as the page shows it now: components
 * re-render their boxes (new elements) as digits arrive.
 *
 * First the paste path, because most split-box components handle a paste on the first box and distribute it
 * themselves (react-otp-input, Mantine, zag-js/Chakra, MUI): one event, their own code path, their own focus
 * move to the last box. A synthetic paste does nothing by itself, so a page that ignores it is unchanged.
 * If the boxes do not hold the code afterwards, whatever the paste left is erased and the code is typed box
 * by box: each box focused (with the focus events widgets count on), one key, then a task for the page to
 * re-render and move focus, then the next box, so every digit lands in its own box in order even where the
 * widget writes into the box it believes is active.
 */
export async function fillSplitInputs(
  group: SplitGroup,
  code: string,
  current: () => SplitGroup,
  kit: FillKit,
  stop = () => false,
): Promise<void> {
  const { erase, focus, task, settle } = kit;
  const first = group.inputs[0];
  const view = first && viewOf(first);
  if (!first || !view || group.inputs.length !== code.length) return;
  await pasteInto(first, code, view, kit);
  await settle(view);
  const after = current();
  if (readBoxes(after) === code || stop()) return;
  for (const box of after.inputs) erase(box);
  await settle(view);
  // Box by box; then a second pass for boxes a page's handler emptied or overwrote after we moved on.
  const chars = [...code];
  for (let pass = 0; pass < 2; pass++) {
    if (pass) await settle(view);
    for (let index = 0; index < chars.length; index++) {
      const box = current().inputs[index];
      if (pass && box?.value === chars[index]) continue;
      if (!box || stop()) return;
      focus(box);
      await task(view);
      kit.type(box, chars[index] ?? '', true);
      await task(view);
    }
  }
}

/** The boxes' characters in order: what a split-box component's value is. */
export function readBoxes(group: SplitGroup): string {
  return group.inputs.map((box) => box.value.trim()).join('');
}

/** Dispatches a paste of `code` on `box` (focused first). */
async function pasteInto(box: HTMLInputElement, code: string, view: View, kit: FillKit): Promise<void> {
  kit.focus(box);
  await kit.task(view);
  const clipboardData = new view.DataTransfer();
  clipboardData.setData('text/plain', code);
  kit.fire(box, 'Clipboard', 'paste', { clipboardData, bubbles: true, cancelable: true, composed: true });
}
