import { nextTask } from './next-task.ts';

/**
 * Types `text` into `input` the way a person's keyboard looks to the page: focus, clear, then per character
 * keydown → keypress → beforeinput → value → input → keyup, with a task between characters (next-task.ts:
 * the page re-renders between a person's keys too), and one change at the end.
 *
 * The value goes through the native setter of `HTMLInputElement.prototype` (of the input's own window, for
 * same-origin frames). React installs a value tracker as an own property on each controlled input and only
 * fires onChange when the DOM value differs from what the tracker last saw; assigning `input.value` would
 * update the tracker too and React would drop the change. Vue's v-model just listens to `input`.
 * A page that cancels keydown or beforeinput handled the key itself (split-box widgets that write the digit
 * and move focus), so we do not insert that character a second time.
 * Whether the page took the code is for the caller to judge, once the page has settled. `stop` ends the
 * typing early (the person started typing themselves).
 */
export async function fillInput(input: HTMLInputElement, text: string, stop = () => false): Promise<void> {
  const view = input.ownerDocument.defaultView;
  if (!view) return;
  focusField(input);
  await nextTask(view);
  if (input.value !== '') setValue(input, '', 'deleteContentBackward');
  for (const char of text) {
    if (stop()) return;
    typeChar(input, char, false);
    await nextTask(view);
  }
  if (stop()) return;
  if (!holds(input, text)) {
    // The page ate some keystrokes (a keydown handler that only accepts trusted events, a mask that lost
    // track): set the whole value at once, still through the native setter and an input event.
    setValue(input, text, 'insertFromPaste');
  }
  input.dispatchEvent(new view.Event('change', { bubbles: true }));
}

/**
 * One key: `replace` for a one-character box (a person's key replaces the box's selected content), else the
 * character is appended.
 */
export function typeChar(input: HTMLInputElement, char: string, replace: boolean): void {
  const view = input.ownerDocument.defaultView;
  if (!view) return;
  const keys = keyInit(char);
  const typed = input.dispatchEvent(new view.KeyboardEvent('keydown', keys));
  input.dispatchEvent(new view.KeyboardEvent('keypress', { ...keys, charCode: char.charCodeAt(0) }));
  const insert = { bubbles: true, cancelable: true, composed: true, inputType: 'insertText', data: char };
  if (typed && input.dispatchEvent(new view.InputEvent('beforeinput', insert))) {
    setNativeValue(input, replace ? char : input.value + char);
    input.dispatchEvent(new view.InputEvent('input', { ...insert, cancelable: false }));
  }
  input.dispatchEvent(new view.KeyboardEvent('keyup', keys));
}

/** Backspace over the whole field, as a person undoing a wrong entry does (the page may handle the key). */
export function eraseField(input: HTMLInputElement): void {
  const view = input.ownerDocument.defaultView;
  if (!view || input.value === '') return;
  focusField(input);
  input.select?.();
  const keys = { key: 'Backspace', code: 'Backspace', keyCode: 8, which: 8, bubbles: true, cancelable: true };
  const erase = { bubbles: true, cancelable: true, composed: true, inputType: 'deleteContentBackward' };
  if (
    input.dispatchEvent(new view.KeyboardEvent('keydown', { ...keys, composed: true })) &&
    input.dispatchEvent(new view.InputEvent('beforeinput', erase))
  ) {
    setNativeValue(input, '');
    input.dispatchEvent(new view.InputEvent('input', { ...erase, cancelable: false }));
  }
  input.dispatchEvent(new view.KeyboardEvent('keyup', { ...keys, composed: true }));
}

/**
 * Focuses `input`. A page whose window is not focused (the popup has focus while its Fill runs) gets no
 * focus events from `focus()`, only a new activeElement, yet split-box widgets learn which box is active from
 * those events (react-otp-input, Mantine, zag-js): there we send the blur/focus pair a focused window would.
 */
export function focusField(input: HTMLInputElement): void {
  const doc = input.ownerDocument;
  const view = doc.defaultView;
  let previous = doc.activeElement;
  while (previous?.shadowRoot?.activeElement) previous = previous.shadowRoot.activeElement;
  if (!view || previous === input) return;
  input.focus();
  if (typeof doc.hasFocus !== 'function' || doc.hasFocus()) return;
  if (previous && previous !== doc.body) {
    previous.dispatchEvent(new view.FocusEvent('blur', { relatedTarget: input }));
    previous.dispatchEvent(new view.FocusEvent('focusout', { bubbles: true, composed: true, relatedTarget: input }));
  }
  input.dispatchEvent(new view.FocusEvent('focus', { relatedTarget: previous }));
  input.dispatchEvent(new view.FocusEvent('focusin', { bubbles: true, composed: true, relatedTarget: previous }));
}

/** Sets `value` through the prototype's setter, bypassing any own-property tracker a framework installed. */
export function setNativeValue(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  const setter = Object.getOwnPropertyDescriptor(view?.HTMLInputElement.prototype ?? {}, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
}

/** The whole value at once (not key by key), then the `input` event a framework's listener needs to see it. */
export function setValue(input: HTMLInputElement, value: string, inputType: string): void {
  setNativeValue(input, value);
  const view = input.ownerDocument.defaultView;
  const data = inputType === 'insertText' ? value : null;
  if (view) input.dispatchEvent(new view.InputEvent('input', { bubbles: true, composed: true, inputType, data }));
}

/** What the field holds the way a code check reads it: formatting the page added (spaces, dashes) left out. */
export function holds(input: HTMLInputElement, text: string): boolean {
  return input.value.replace(/[\s-]/g, '') === text;
}

function keyInit(char: string): KeyboardEventInit & { keyCode: number; which: number } {
  const isDigit = char >= '0' && char <= '9';
  const code = isDigit ? `Digit${char}` : `Key${char.toUpperCase()}`;
  const keyCode = char.toUpperCase().charCodeAt(0);
  // keyCode/which are deprecated but still what many OTP widgets read (e.g. `e.keyCode >= 48 && <= 57`).
  return { key: char, code, keyCode, which: keyCode, bubbles: true, cancelable: true, composed: true };
}
