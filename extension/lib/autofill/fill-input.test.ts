// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { controlLikeReact, pageWith, type TestPage } from '../../test-kit/autofill-page.ts';
import { eraseField, fillInput, focusField, typeChar, unformatted } from './fill-input.ts';

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

function singleInput(): HTMLInputElement {
  page = pageWith('<form><label>Verification code <input id="otp"></label></form>');
  return page.doc.getElementById('otp') as HTMLInputElement;
}

describe('fillInput', () => {
  it('updates a React-controlled input (native setter), where a plain assignment is swallowed', async () => {
    const input = singleInput();
    const react = controlLikeReact(input);
    // The control: what a naive filler does leaves React's state empty and the field reset by the re-render.
    input.value = '999999';
    input.dispatchEvent(
      new (input.ownerDocument.defaultView as Window & typeof globalThis).Event('input', { bubbles: true }),
    );
    expect(react.state()).toBe('');
    expect(input.value).toBe('');

    await fillInput(input, '407182');
    expect(unformatted(input)).toBe('407182');
    expect(react.state()).toBe('407182');
    expect(input.value).toBe('407182');
  });

  it('sends the events of a person typing, in order, and one change at the end', async () => {
    const input = singleInput();
    const seen: string[] = [];
    for (const type of ['focus', 'keydown', 'keypress', 'beforeinput', 'input', 'keyup', 'change']) {
      input.addEventListener(type, (event) => {
        const detail = event as KeyboardEvent & InputEvent;
        seen.push(`${type}:${detail.key ?? detail.data ?? ''}`);
      });
    }
    await fillInput(input, '40');
    expect(seen).toEqual([
      'focus:',
      'keydown:4',
      'keypress:4',
      'beforeinput:4',
      'input:4',
      'keyup:4',
      'keydown:0',
      'keypress:0',
      'beforeinput:0',
      'input:0',
      'keyup:0',
      'change:',
    ]);
  });

  it('reports key codes the way digit-only widgets check them', async () => {
    const input = singleInput();
    const codes: Array<[string, string, number]> = [];
    input.addEventListener('keydown', (event) => codes.push([event.key, event.code, event.keyCode]));
    await fillInput(input, '09');
    expect(codes).toEqual([
      ['0', 'Digit0', 48],
      ['9', 'Digit9', 57],
    ]);
  });

  it('replaces what was typed before', async () => {
    const input = singleInput();
    input.value = '12';
    await fillInput(input, '407182');
    expect(unformatted(input)).toBe('407182');
    expect(input.value).toBe('407182');
  });

  it('keeps a page formatter happy (a mask that inserts a space after 3 digits)', async () => {
    const input = singleInput();
    input.addEventListener('input', () => {
      const digits = input.value.replace(/\D/g, '');
      input.value = digits.length > 3 ? `${digits.slice(0, 3)} ${digits.slice(3)}` : digits;
    });
    await fillInput(input, '407182');
    expect(unformatted(input)).toBe('407182');
    expect(input.value).toBe('407 182');
  });

  it('falls back to one write when the page cancels every keystroke it did not see from a real keyboard', async () => {
    const input = singleInput();
    input.addEventListener('keydown', (event) => {
      if (!event.isTrusted) event.preventDefault();
    });
    await fillInput(input, '407182');
    expect(unformatted(input)).toBe('407182');
    expect(input.value).toBe('407182');
  });

  it('clears what was there with a deletion first, so the page never sees the old digits joined to the new', async () => {
    const input = singleInput();
    input.value = '12';
    const seen: Array<[string, string]> = [];
    input.addEventListener('input', (event) => seen.push([(event as InputEvent).inputType, input.value]));
    await fillInput(input, '40');
    expect(seen).toEqual([
      ['deleteContentBackward', ''],
      ['insertText', '4'],
      ['insertText', '40'],
    ]);
  });

  it('sends the fallback write out of a shadow root as a paste whose text is not in data (it is a paste)', async () => {
    page = pageWith('<otp-field id="host"></otp-field>');
    const host = page.doc.getElementById('host') as HTMLElement;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<input id="otp">';
    const input = root.getElementById('otp') as HTMLInputElement;
    input.addEventListener('keydown', (event) => event.preventDefault());
    const seen: Array<[string, string | null]> = [];
    // A listener on the page outside the component, as a framework's root listener is.
    page.doc.addEventListener('input', (event) =>
      seen.push([(event as InputEvent).inputType, (event as InputEvent).data || null]),
    );
    await fillInput(input, '407182');
    expect(seen).toEqual([['insertFromPaste', null]]);
    expect(input.value).toBe('407182');
  });

  it('sends the fallback write as a paste, to a React-controlled field whose keystrokes the page cancelled', async () => {
    const input = singleInput();
    const react = controlLikeReact(input);
    input.addEventListener('keydown', (event) => event.preventDefault());
    const types: string[] = [];
    input.addEventListener('input', (event) => types.push((event as InputEvent).inputType));
    await fillInput(input, '407182');
    expect(types).toEqual(['insertFromPaste']);
    expect(react.state()).toBe('407182');
  });

  it('sends one change that bubbles to the form, as a person leaving the field would', async () => {
    const input = singleInput();
    const changes: EventTarget[] = [];
    input.form?.addEventListener('change', (event) => changes.push(event.target as EventTarget));
    await fillInput(input, '407182');
    expect(changes).toEqual([input]);
  });

  it('stops at once when the person types over the last digit: their edit stays, no write, no change', async () => {
    const input = singleInput();
    let person = false;
    let changes = 0;
    input.addEventListener('change', () => changes++);
    input.addEventListener('keyup', () => {
      if (input.value === '407182') {
        // The person's key right after the last digit landed.
        input.value = '40718';
        person = true;
      }
    });
    await fillInput(input, '407182', () => person);
    expect(input.value).toBe('40718');
    expect(changes).toBe(0);
  });

  it('reports letters of an alphanumeric code as the keys a keyboard has (KeyA, keyCode 65)', async () => {
    const input = singleInput();
    const codes: Array<[string, string, number, number]> = [];
    input.addEventListener('keydown', (event) => codes.push([event.key, event.code, event.keyCode, event.which]));
    await fillInput(input, 'a7Z');
    expect(codes).toEqual([
      ['a', 'KeyA', 65, 65],
      ['7', 'Digit7', 55, 55],
      ['Z', 'KeyZ', 90, 90],
    ]);
    expect(input.value).toBe('a7Z');
  });

  it('leaves an input of a document without a window alone', async () => {
    const doc = document.implementation.createHTMLDocument('detached');
    const input = doc.createElement('input');
    doc.body.append(input);
    await expect(fillInput(input, '407182')).resolves.toBeUndefined();
    expect(input.value).toBe('');
  });

  it('types one key into a one-character box by replacing its content, as a person does over a selected digit', () => {
    const input = singleInput();
    input.value = '9';
    typeChar(input, '4', true);
    expect(input.value).toBe('4');
    typeChar(input, '0', false);
    expect(input.value).toBe('40');
  });
});

describe('eraseField', () => {
  it('presses Backspace over the whole field: the key a widget handles, then a deletion', () => {
    const input = singleInput();
    input.value = '407182';
    const seen: string[] = [];
    input.addEventListener('keydown', (event) => seen.push(`keydown:${event.key}:${event.code}:${event.keyCode}`));
    input.addEventListener('beforeinput', (event) => seen.push(`beforeinput:${event.inputType}`));
    input.addEventListener('input', (event) =>
      seen.push(`input:${(event as InputEvent).inputType}:${event.cancelable}`),
    );
    eraseField(input);
    expect(input.value).toBe('');
    expect(seen).toEqual([
      'keydown:Backspace:Backspace:8',
      'beforeinput:deleteContentBackward',
      'input:deleteContentBackward:false',
    ]);
  });

  it('leaves the deletion to a widget that handles Backspace itself (it cancels the key)', () => {
    const input = singleInput();
    input.value = '4';
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Backspace') event.preventDefault();
    });
    eraseField(input);
    expect(input.value).toBe('4');
  });

  it('does nothing to an empty field', () => {
    const input = singleInput();
    const seen: string[] = [];
    input.addEventListener('keydown', (event) => seen.push(event.key));
    eraseField(input);
    expect(seen).toEqual([]);
  });
});

/**
 * The popup's Fill runs while the popup has focus: Chromium then moves activeElement on focus() but fires no
 * focus events. Emulated on this page's window: its focus() events are swallowed before any listener sees them.
 */
function unfocusedWindow(doc: Document): void {
  const view = doc.defaultView as Window & typeof globalThis;
  let native = false;
  for (const type of ['focus', 'blur', 'focusin', 'focusout']) {
    view.addEventListener(type, (event) => native && event.stopImmediatePropagation(), true);
  }
  const focus = view.HTMLElement.prototype.focus;
  view.HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
    native = true;
    try {
      focus.call(this, options);
    } finally {
      native = false;
    }
  };
  doc.hasFocus = () => false;
}

describe('focusField', () => {
  function record(doc: Document, targets: Element[]): string[] {
    const seen: string[] = [];
    const name = (node: EventTarget | null) => (node as Element | null)?.id || (node as Element | null)?.tagName || '-';
    for (const type of ['focus', 'blur', 'focusin', 'focusout']) {
      for (const target of targets) {
        target.addEventListener(type, (event) =>
          seen.push(`${name(target)}:${type}:${name((event as FocusEvent).relatedTarget)}`),
        );
      }
      // Widgets (zag-js, Mantine) listen for focusin/focusout on their root: the bubbling pair must reach it.
      doc.addEventListener(type, (event) => seen.push(`document:${type}:${name(event.target)}`));
    }
    return seen;
  }

  it('in a window without focus, sends the blur/focus pair a focused window would, from the box before', () => {
    page = pageWith('<form><input id="first"><input id="second"></form>');
    const doc = page.doc;
    const [first, second] = [...doc.querySelectorAll('input')] as HTMLInputElement[];
    if (!first || !second) throw new Error('fixture');
    first.focus();
    unfocusedWindow(doc);
    const seen = record(doc, [first, second]);
    focusField(second);
    expect(doc.activeElement).toBe(second);
    expect(seen).toEqual([
      'first:blur:second',
      'first:focusout:second',
      'document:focusout:first',
      'second:focus:first',
      'second:focusin:first',
      'document:focusin:second',
    ]);
  });

  it('in a window without focus, sends no blur for the page body, and nothing for the field already focused', () => {
    page = pageWith('<form><input id="only"></form>');
    const doc = page.doc;
    const input = doc.getElementById('only') as HTMLInputElement;
    unfocusedWindow(doc);
    const seen = record(doc, [input, doc.body]);
    focusField(input);
    expect(seen).toEqual(['only:focus:BODY', 'only:focusin:BODY', 'BODY:focusin:BODY', 'document:focusin:only']);
    seen.length = 0;
    focusField(input);
    expect(seen).toEqual([]);
  });

  it('in a focused window, leaves the focus events to the browser (none of ours)', () => {
    page = pageWith('<form><input id="first"><input id="second"></form>');
    const doc = page.doc;
    const [first, second] = [...doc.querySelectorAll('input')] as HTMLInputElement[];
    if (!first || !second) throw new Error('fixture');
    first.focus();
    const seen = record(doc, [first, second]);
    focusField(second);
    // happy-dom's own focus() events, once each: none sent a second time by us.
    expect(seen.filter((line) => line === 'second:focus:first')).toHaveLength(1);
    expect(seen.filter((line) => line === 'first:blur:second')).toHaveLength(1);
  });

  it('in a window without focus, lets the focusin of a box in a shadow root reach the page', () => {
    page = pageWith('<div id="host"></div>');
    const doc = page.doc;
    const root = (doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    root.innerHTML = '<input id="inner">';
    unfocusedWindow(doc);
    const seen: string[] = [];
    doc.addEventListener('focusin', (event) => seen.push(event.type));
    focusField(root.getElementById('inner') as HTMLInputElement);
    // (A browser retargets it to the host; happy-dom leaves the box as its target.)
    expect(seen).toEqual(['focusin']);
  });

  it('finds the focused box inside a shadow root as the box before', () => {
    page = pageWith('<div id="host"></div><input id="outside">');
    const doc = page.doc;
    const host = doc.getElementById('host') as HTMLElement;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<input id="inner">';
    const inner = root.getElementById('inner') as HTMLInputElement;
    const outside = doc.getElementById('outside') as HTMLInputElement;
    inner.focus();
    unfocusedWindow(doc);
    const seen: string[] = [];
    inner.addEventListener('blur', (event) =>
      seen.push(`inner:blur:${((event as FocusEvent).relatedTarget as Element)?.id}`),
    );
    focusField(outside);
    expect(seen).toEqual(['inner:blur:outside']);
  });
});
