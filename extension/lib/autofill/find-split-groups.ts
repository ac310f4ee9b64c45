/** 4–10 one-character boxes and the element that holds them (to find them again after a re-render). */
export interface SplitGroup {
  container: Element;
  inputs: HTMLInputElement[];
}

/**
 * Groups of split digit boxes among `inputs` (already filtered to fillable ones): 4–10 boxes under one
 * nearby common ancestor. Each box often sits in its own wrapper, and a dash may split the boxes in two
 * halves (3 + 3, as Stripe and Slack do), so for each box we climb to the lowest ancestor (up to 4 levels)
 * that holds at least 4 boxes, and group the boxes by that ancestor.
 */
export function findSplitGroups(inputs: readonly HTMLInputElement[]): SplitGroup[] {
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
  return [...groups]
    .filter(([, group]) => group.length <= MAX_BOXES)
    .map(([container, group]) => ({ container, inputs: group }));
}

const MIN_BOXES = 4;
const MAX_BOXES = 10;
const MAX_LEVELS = 4;
const MAX_BOX_PX = 64;

/**
 * One box of a split code field: `maxlength=1`, or 2 on widgets that let a second keystroke in to detect
 * overwriting before they trim and advance. Many widgets set no maxlength at all (react-otp-input, Mantine
 * PinInput, antd Input.OTP, `type=number` boxes a script trims to one digit: issue 14): then a box is known by
 * its shape, a field at most MAX_BOX_PX wide and not much wider than tall; without layout (unit tests) by its
 * declared width (`width: 1em`, `40px`).
 */
export function isBox(input: HTMLInputElement): boolean {
  const maxLength = input.maxLength;
  if (maxLength === 1 || maxLength === 2) return true;
  if (maxLength > 2) return false;
  const rect = input.getBoundingClientRect();
  if (rect.width > 0) return rect.width <= MAX_BOX_PX && rect.width <= rect.height * 2.5;
  const width = input.ownerDocument.defaultView?.getComputedStyle(input).width ?? '';
  const match = /^([\d.]+)(px|em|rem)$/.exec(width.trim());
  if (!match) return false;
  const size = Number(match[1]) * (match[2] === 'px' ? 1 : 16);
  return size > 0 && size <= MAX_BOX_PX;
}
