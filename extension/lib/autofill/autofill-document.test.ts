// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pageWith, type TestPage } from '../../test-kit/autofill-page.ts';
import { registerParts } from '../../test-kit/autofill-parts.ts';
import { autofillDocument } from './autofill-document.ts';

// Every part of the autofill script, as the background injects them where a page may need them.
beforeAll(() => registerParts());

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

const CODE_STEP = '<label for="otp">Verification code</label><input id="otp" autocomplete="one-time-code">';

/** A key of the person at the keyboard: trusted, as only the browser's own events are. */
function personPresses(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView as Window & typeof globalThis;
  const key = new view.KeyboardEvent('keydown', { key: 'Backspace', bubbles: true });
  Object.defineProperty(key, 'isTrusted', { value: true });
  input.dispatchEvent(key);
  input.value = value;
}

describe('autofillDocument with a person at the keyboard', () => {
  it('a Backspace right after the code landed is an edit of a filled code: Filled, and the edit stays', async () => {
    page = pageWith(CODE_STEP);
    const input = page.doc.getElementById('otp') as HTMLInputElement;
    // The person reacts while the page settles, after the field already holds the whole code.
    input.addEventListener('change', () => personPresses(input, '40718'), { once: true });
    expect(await autofillDocument(page.doc, '407182', { submit: false })).toEqual({ ok: true, fields: 1 });
    expect(input.value).toBe('40718');
  });

  it('a key while the code is still being typed stops the fill: typed, and what they typed stays', async () => {
    page = pageWith(CODE_STEP);
    const input = page.doc.getElementById('otp') as HTMLInputElement;
    let inputs = 0;
    input.addEventListener('input', () => {
      if (++inputs === 2) personPresses(input, '9');
    });
    expect(await autofillDocument(page.doc, '407182', { submit: false })).toEqual({
      ok: false,
      reason: 'typed',
    });
    expect(input.value).toBe('9');
  });
});
