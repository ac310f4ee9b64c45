import { nextTask } from './next-task.ts';
import { type View, viewOf } from './view-of.ts';

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
  const view = viewOf(input);
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
  // The page ate some keystrokes (a keydown handler that only accepts trusted events, a mask that lost
  // track): set the whole value at once, still through the native setter and an input event.
  if (unformatted(input) !== text) setValue(input, text, 'insertFromPaste');
  fire(input, '', 'change', { bubbles: true });
}

/**
 * One key: `replace` for a one-character box (a person's key replaces the box's selected content), else the
 * character is appended.
 */
export function typeChar(input: HTMLInputElement, char: string, replace: boolean): void {
  const code = char.toUpperCase();
  // keyCode/which are deprecated but still what many OTP widgets read (e.g. `e.keyCode >= 48 && <= 57`).
  const keyCode = code.charCodeAt(0);
  const key = char >= '0' && char <= '9' ? `Digit${char}` : `Key${code}`;
  press(input, { ...EVENT, key: char, code: key, keyCode, which: keyCode }, char, replace ? char : undefined);
}

/** Backspace over the whole field, as a person undoing a wrong entry does (the page may handle the key). */
export function eraseField(input: HTMLInputElement): void {
  if (!viewOf(input) || input.value === '') return;
  focusField(input);
  input.select?.();
  press(input, { ...EVENT, key: 'Backspace', code: 'Backspace', keyCode: 8, which: 8 }, null, '');
}

/**
 * keydown (keypress for a character) → beforeinput → the value (`value`, else the character appended) →
 * input → keyup; a page that cancels keydown or beforeinput handled the key itself.
 */
function press(input: HTMLInputElement, keys: object, data: string | null, value: string | undefined): void {
  const init = { ...EVENT, inputType: data === null ? 'deleteContentBackward' : 'insertText', data };
  const typed = fire(input, 'Keyboard', 'keydown', keys);
  if (data !== null) fire(input, 'Keyboard', 'keypress', { ...keys, charCode: data.charCodeAt(0) });
  if (typed && fire(input, 'Input', 'beforeinput', init)) {
    setNativeValue(input, value ?? input.value + data);
    fire(input, 'Input', 'input', { ...init, cancelable: false });
  }
  fire(input, 'Keyboard', 'keyup', keys);
}

/**
 * Focuses `input`. A page whose window is not focused (the popup has focus while its Fill runs) gets no
 * focus events from `focus()`, only a new activeElement, yet split-box widgets learn which box is active from
 * those events (react-otp-input, Mantine, zag-js): there we send the blur/focus pair a focused window would.
 */
export function focusField(input: HTMLInputElement): void {
  const doc = input.ownerDocument;
  let previous = doc.activeElement;
  while (previous?.shadowRoot?.activeElement) previous = previous.shadowRoot.activeElement;
  // (In a document without a window nothing happens: focus() does nothing there, and fire() sends nothing.)
  if (previous === input) return;
  input.focus();
  if (doc.hasFocus()) return;
  if (previous && previous !== doc.body) focusEvents(previous, 'blur', 'focusout', input);
  focusEvents(input, 'focus', 'focusin', previous);
}

/** The pair a focus change fires on one side: blur/focus (not bubbling), then focusout/focusin (bubbling). */
function focusEvents(target: Element, type: string, bubbling: string, relatedTarget: Element | null): void {
  fire(target, 'Focus', type, { relatedTarget });
  fire(target, 'Focus', bubbling, { bubbles: true, composed: true, relatedTarget });
}

/** Sets `value` through the prototype's setter, bypassing any own-property tracker a framework installed. */
export function setNativeValue(input: HTMLInputElement, value: string): void {
  const view = viewOf(input) as View;
  Object.getOwnPropertyDescriptor(view.HTMLInputElement.prototype, 'value')?.set?.call(input, value);
}

/** The whole value at once (not key by key), then the `input` event a framework's listener needs to see it. */
export function setValue(
  input: HTMLInputElement,
  value: string,
  inputType: 'deleteContentBackward' | 'insertFromPaste',
): void {
  setNativeValue(input, value);
  // (`data` is for typed text; a paste's is in its clipboard, a deletion has none.)
  fire(input, 'Input', 'input', { bubbles: true, composed: true, inputType, data: null });
}

/** What the field holds the way a code check reads it: formatting the page added (spaces, dashes) left out. */
export function unformatted(input: HTMLInputElement): string {
  return input.value.replace(/[\s-]/g, '');
}

const EVENT = { bubbles: true, cancelable: true, composed: true };

/**
 * Dispatches an event made by the target's own window (a same-origin frame's constructors for its inputs):
 * `kind` names the constructor without "Event" ('' for a plain Event). False when it was cancelled, or when
 * the target has no window.
 */
export function fire(
  target: Element,
  kind: '' | 'Keyboard' | 'Input' | 'Focus' | 'Clipboard',
  type: string,
  init: object,
): boolean {
  const view = viewOf(target);
  return !!view && target.dispatchEvent(new view[`${kind}Event`](type, init));
}
