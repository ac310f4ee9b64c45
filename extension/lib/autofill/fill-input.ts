/**
 * Types `text` into `input` the way a person's keyboard looks to the page: focus, clear, then per character
 * keydown → keypress → beforeinput → value → input → keyup, and one change at the end.
 *
 * The value goes through the native setter of `HTMLInputElement.prototype` (of the input's own window, for
 * same-origin frames). React installs a value tracker as an own property on each controlled input and only
 * fires onChange when the DOM value differs from what the tracker last saw; assigning `input.value` would
 * update the tracker too and React would drop the change. Vue's v-model just listens to `input`.
 * A page that cancels keydown or beforeinput handled the key itself (split-box widgets that write the digit
 * and move focus), so we do not insert that character a second time.
 * Returns whether the field ended up holding `text` (ignoring formatting the page added, like spaces).
 */
export function fillInput(input: HTMLInputElement, text: string): boolean {
  const view = input.ownerDocument.defaultView;
  if (!view) return false;
  input.focus();
  if (input.value !== '') setValue(input, '', 'deleteContent');
  for (const char of text) {
    const keys = keyInit(char);
    const typed = input.dispatchEvent(new view.KeyboardEvent('keydown', keys));
    input.dispatchEvent(new view.KeyboardEvent('keypress', { ...keys, charCode: char.charCodeAt(0) }));
    const insert = { bubbles: true, cancelable: true, composed: true, inputType: 'insertText', data: char };
    if (typed && input.dispatchEvent(new view.InputEvent('beforeinput', insert))) {
      setNativeValue(input, input.value + char);
      input.dispatchEvent(new view.InputEvent('input', { ...insert, cancelable: false }));
    }
    input.dispatchEvent(new view.KeyboardEvent('keyup', keys));
  }
  if (!holds(input, text)) {
    // The page ate some keystrokes (a keydown handler that only accepts trusted events, a mask that lost
    // track): set the whole value at once, still through the native setter and an input event.
    setValue(input, text, 'insertFromPaste');
  }
  input.dispatchEvent(new view.Event('change', { bubbles: true }));
  return holds(input, text);
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

function holds(input: HTMLInputElement, text: string): boolean {
  return input.value.replace(/[\s-]/g, '') === text;
}

function keyInit(char: string): KeyboardEventInit & { keyCode: number; which: number } {
  const isDigit = char >= '0' && char <= '9';
  const code = isDigit ? `Digit${char}` : `Key${char.toUpperCase()}`;
  const keyCode = char.toUpperCase().charCodeAt(0);
  // keyCode/which are deprecated but still what many OTP widgets read (e.g. `e.keyCode >= 48 && <= 57`).
  return { key: char, code, keyCode, which: keyCode, bubbles: true, cancelable: true, composed: true };
}
