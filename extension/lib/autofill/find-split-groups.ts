/**
 * Groups of split digit boxes among `inputs` (already filtered to fillable ones): 4–10 boxes under one
 * nearby common ancestor. Each box often sits in its own wrapper, and a dash may split the boxes in two
 * halves (3 + 3, as Stripe and Slack do), so for each box we climb to the lowest ancestor (up to 4 levels)
 * that holds at least 4 boxes, and group the boxes by that ancestor.
 */
export function findSplitGroups(inputs: readonly HTMLInputElement[]): HTMLInputElement[][] {
  const boxes = inputs.filter(isBox);
  const groups = new Map<Element, HTMLInputElement[]>();
  for (const box of boxes) {
    let node = box.parentElement;
    for (let level = 0; node && level < MAX_LEVELS; level++, node = node.parentElement) {
      const inside = boxes.filter((other) => node?.contains(other));
      if (inside.length >= MIN_BOXES) {
        if (!groups.has(node)) groups.set(node, inside);
        break;
      }
    }
  }
  return [...groups.values()].filter((group) => group.length <= MAX_BOXES);
}

const MIN_BOXES = 4;
const MAX_BOXES = 10;
const MAX_LEVELS = 4;

/**
 * One box of a split code field: `maxlength=1`, or 2 on widgets that let a second keystroke in to detect
 * overwriting before they trim and advance.
 */
export function isBox(input: HTMLInputElement): boolean {
  return input.maxLength === 1 || input.maxLength === 2;
}
