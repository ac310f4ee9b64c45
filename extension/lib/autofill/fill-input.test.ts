// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { controlLikeReact, pageWith, type TestPage } from '../../test-kit/autofill-page.ts';
import { fillInput, holds } from './fill-input.ts';

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
    expect(holds(input, '407182')).toBe(true);
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
    expect(holds(input, '407182')).toBe(true);
    expect(input.value).toBe('407182');
  });

  it('keeps a page formatter happy (a mask that inserts a space after 3 digits)', async () => {
    const input = singleInput();
    input.addEventListener('input', () => {
      const digits = input.value.replace(/\D/g, '');
      input.value = digits.length > 3 ? `${digits.slice(0, 3)} ${digits.slice(3)}` : digits;
    });
    await fillInput(input, '407182');
    expect(holds(input, '407182')).toBe(true);
    expect(input.value).toBe('407 182');
  });

  it('falls back to one write when the page cancels every keystroke it did not see from a real keyboard', async () => {
    const input = singleInput();
    input.addEventListener('keydown', (event) => {
      if (!event.isTrusted) event.preventDefault();
    });
    await fillInput(input, '407182');
    expect(holds(input, '407182')).toBe(true);
    expect(input.value).toBe('407182');
  });
});
