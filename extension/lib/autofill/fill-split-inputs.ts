import { fillInput, setValue } from './fill-input.ts';

/**
 * Types one character of `code` into each box, in order, focusing each box ourselves. Widgets move focus on
 * input (auto-advance), select the next box, or clear it on focus; none of that matters because every
 * keystroke is sent to the box we mean, not to `document.activeElement`. A second pass repairs boxes that a
 * page's handler emptied or overwrote after we moved on.
 */
export function fillSplitInputs(boxes: readonly HTMLInputElement[], code: string): boolean {
  const chars = [...code];
  if (chars.length !== boxes.length) return false;
  boxes.forEach((box, index) => {
    fillInput(box, chars[index] ?? '');
  });
  boxes.forEach((box, index) => {
    const char = chars[index] ?? '';
    if (box.value !== char) setValue(box, char, 'insertText');
  });
  return boxes.every((box, index) => box.value === chars[index]);
}
