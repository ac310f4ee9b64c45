// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { confirmPage, signupPage } from '../pages.ts';
import { codeField } from './code-fields.ts';

/** Loads a demo page's code step into the document, as the browser would see it. */
function mount(html: string) {
  // Only the page's main: its <head> would have happy-dom fetch the stylesheet and script.
  document.body.innerHTML = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  const form = document.querySelector('#code-step') as HTMLFormElement;
  form.hidden = false;
  const onChange = vi.fn();
  return { form, field: codeField(form, onChange), onChange };
}

function key(target: Element, key: string) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

/** What an autofill does to look like typing to a framework: the native setter, then an input event. */
function fill(input: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('single code input', () => {
  let input: HTMLInputElement;
  let field: ReturnType<typeof codeField>;
  beforeEach(() => {
    ({ field } = mount(signupPage('/demo', 'sms')));
    input = document.querySelector('#code-input') as HTMLInputElement;
    field.setLength(6);
  });

  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    ['Your code is 987-654', '987654'],
    ['abc', ''],
  ])('keeps only the digits of %j', (typed, kept) => {
    fill(input, typed);
    expect(input.value).toBe(kept);
  });

  it('is complete only at the code length', () => {
    fill(input, '12345');
    expect(field.complete()).toBe(false);
    fill(input, '123456');
    expect(field.complete()).toBe(true);
    expect(field.value()).toBe('123456');
  });
});

describe('split digit boxes', () => {
  let boxes: HTMLInputElement[];
  let field: ReturnType<typeof codeField>;
  beforeEach(() => {
    ({ field } = mount(confirmPage('/demo', 'payout', 'sms')));
    boxes = [...document.querySelectorAll<HTMLInputElement>('.otp-box')];
  });

  it('draws six one-digit boxes, the first one for OTP autofill', () => {
    expect(boxes).toHaveLength(6);
    expect(boxes.every((box) => box.maxLength === 1 && box.inputMode === 'numeric')).toBe(true);
    expect(boxes[0]?.autocomplete).toBe('one-time-code');
  });

  it('moves on as digits are typed and ignores letters', () => {
    boxes[0]?.focus();
    for (const k of ['4', 'x', '2']) key(document.activeElement as Element, k);
    expect(boxes.map((b) => b.value).join('')).toBe('42');
    expect(document.activeElement).toBe(boxes[2]);
  });

  it('goes back and clears on Backspace in an empty box', () => {
    boxes[0]?.focus();
    for (const k of ['1', '2', '3']) key(document.activeElement as Element, k);
    key(boxes[3] as Element, 'Backspace');
    expect(boxes.map((b) => b.value).join('')).toBe('12');
    expect(document.activeElement).toBe(boxes[2]);
  });

  it('spreads a pasted code across the boxes from the first', () => {
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(paste, 'clipboardData', { value: { getData: () => 'Code: 135 790' } });
    boxes[3]?.dispatchEvent(paste);
    expect(paste.defaultPrevented).toBe(true);
    expect(field.value()).toBe('135790');
    expect(field.complete()).toBe(true);
  });

  it('spreads a whole code dropped into one box (an autofill of the first box)', () => {
    fill(boxes[0] as HTMLInputElement, '246801');
    expect(boxes.map((b) => b.value)).toEqual(['2', '4', '6', '8', '0', '1']);
  });

  it('takes a box-by-box fill like an extension makes it', () => {
    boxes.forEach((box, i) => {
      fill(box, String(i + 1));
    });
    expect(field.value()).toBe('123456');
    expect(field.complete()).toBe(true);
    field.clear();
    expect(field.value()).toBe('');
  });
});
