/** 4–10 one-character boxes and what holds them: an element, or the shadow root they sit in directly. */
export interface SplitGroup {
  container: ParentNode;
  inputs: HTMLInputElement[];
}

/**
 * Groups of split digit boxes among `inputs` (already filtered to fillable ones): 4–10 boxes under one
 * nearby common ancestor. Each box often sits in its own wrapper, and a dash may split the boxes in two
 * halves (3 + 3, as Stripe and Slack do), so for each box we climb to the lowest ancestor (up to 4 levels)
 * that holds at least 4 boxes, and group the boxes by that ancestor. A web component may render its boxes
 * straight into its shadow root, with no element around them: then the shadow root holds the group.
 */
export function findSplitGroups(inputs: readonly HTMLInputElement[]): SplitGroup[] {
  // Boxes by their own shape, and inputs that may be boxes by the row they form (checked per group below).
  const boxes = inputs.filter((input) => isBox(input) || mayBeRowBox(input));
  const groups = new Map<ParentNode, HTMLInputElement[]>();
  for (const box of boxes) {
    let node = box.parentNode;
    for (let level = 0; node && level < MAX_LEVELS; level++, node = node.parentNode) {
      const inside = boxes.filter((other) => node?.contains(other));
      if (inside.length >= MIN_BOXES) {
        if (!groups.has(node)) groups.set(node, inside);
        break;
      }
    }
  }
  return [...groups]
    .filter(([, group]) => group.length <= MAX_BOXES && (group.every(isBox) || isRow(group)))
    .map(([container, group]) => ({ container, inputs: group }));
}

/**
 * Wide boxes: MUI's one-time-password input stretches six TextFields over the row (164 px each). An input with
 * no maxlength and at most one character is a box only as one of a row: same type, same size, same line, left
 * to right. Only with layout (a real page).
 */
function mayBeRowBox(input: HTMLInputElement): boolean {
  return input.maxLength < 0 && input.value.length <= 1 && input.getBoundingClientRect().width > 0;
}

function isRow(group: readonly HTMLInputElement[]): boolean {
  const rects = group.map((input) => input.getBoundingClientRect());
  const first = rects[0];
  if (!first || group.some((input) => input.type !== group[0]?.type)) return false;
  return rects.every(
    (rect, index) =>
      Math.abs(rect.width - first.width) <= 2 &&
      Math.abs(rect.top - first.top) <= 4 &&
      (index === 0 || rect.left >= (rects[index - 1]?.right ?? 0) - 1),
  );
}

export const MIN_BOXES = 4;
const MAX_BOXES = 10;
const MAX_LEVELS = 4;
const MAX_BOX_PX = 64;

/**
 * One box of a split code field: `maxlength=1`, or 2 on widgets that let a second keystroke in to detect
 * overwriting before they trim and advance. Many widgets set no maxlength at all (react-otp-input, Mantine
 * PinInput, antd Input.OTP, `type=number` boxes a script trims to one digit: issue 14), or a maxlength as long
 * as the code so that a phone's one-tap fill lands whole in the first box (Radix OneTimePasswordField): then a
 * box is known by its shape, a field at most MAX_BOX_PX wide and not much wider than tall. Shape needs layout:
 * without it (happy-dom) only maxlength tells, and those widgets are tested in real Chromium
 * (autofill-fixtures.chromium.test.ts, test/components).
 */
export function isBox(input: HTMLInputElement): boolean {
  const rect = input.getBoundingClientRect();
  return (
    input.maxLength === 1 ||
    input.maxLength === 2 ||
    (rect.width > 0 && rect.width <= MAX_BOX_PX && rect.width <= rect.height * 2.5)
  );
}
