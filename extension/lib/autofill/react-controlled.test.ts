// @vitest-environment happy-dom
import { act, createElement, useRef, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerParts } from '../../test-kit/autofill-parts.ts';
import { autofillDocument } from './autofill-document.ts';

// Every part of the autofill script, as the background injects them where a page may need them.
beforeAll(() => registerParts());

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

/**
 * Real React 19 (the extension's own dependency) rendering controlled inputs into the test page: its value
 * tracker and synthetic onChange are the real ones, not a simulation. A plain `input.value = …` is shown to
 * be swallowed first, so the test proves the native-setter path is what makes the fill count.
 */
let root: Root | undefined;

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

function render(element: ReturnType<typeof createElement>): void {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(element));
}

function SingleCodeForm() {
  const [code, setCode] = useState('');
  return createElement(
    'form',
    null,
    createElement('h2', null, 'Enter the verification code'),
    createElement('input', {
      id: 'otp',
      autoComplete: 'one-time-code',
      inputMode: 'numeric',
      maxLength: 6,
      value: code,
      // Like many seller centers: keep digits only.
      onChange: (event: { target: HTMLInputElement }) => setCode(event.target.value.replace(/\D/g, '')),
    }),
    createElement('output', { id: 'state' }, code),
  );
}

function SplitCodeForm() {
  const [digits, setDigits] = useState(['', '', '', '', '', '']);
  const boxes = useRef<Array<HTMLInputElement | null>>([]);
  return createElement(
    'div',
    null,
    createElement('h2', null, 'Enter the 6-digit verification code'),
    createElement(
      'div',
      { className: 'otp' },
      digits.map((digit, index) =>
        createElement('input', {
          key: index,
          ref: (box: HTMLInputElement | null) => {
            boxes.current[index] = box;
          },
          maxLength: 1,
          inputMode: 'numeric',
          value: digit,
          onChange: (event: { target: HTMLInputElement }) => {
            const value = event.target.value.slice(-1);
            setDigits((previous) => previous.map((old, i) => (i === index ? value : old)));
            if (value) boxes.current[index + 1]?.focus(); // auto-advance, as react-otp-input does
          },
        }),
      ),
    ),
    createElement('output', { id: 'state' }, digits.join('')),
  );
}

const state = () => document.getElementById('state')?.textContent;

describe('React-controlled inputs (real react-dom)', () => {
  it('a plain value assignment does not reach React state (the trap)', () => {
    render(createElement(SingleCodeForm));
    const input = document.getElementById('otp') as HTMLInputElement;
    act(() => {
      input.value = '407182';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(state()).toBe('');
  });

  it('a single controlled input: React state gets the code', async () => {
    render(createElement(SingleCodeForm));
    let result: Awaited<ReturnType<typeof autofillDocument>> | undefined;
    await act(async () => {
      result = await autofillDocument(document, '407182', { submit: false });
    });
    expect(result).toEqual({ ok: true, fields: 1 });
    expect(state()).toBe('407182');
    expect((document.getElementById('otp') as HTMLInputElement).value).toBe('407182');
  });

  it('six controlled boxes with auto-advance: React state gets every digit in order', async () => {
    render(createElement(SplitCodeForm));
    let result: Awaited<ReturnType<typeof autofillDocument>> | undefined;
    await act(async () => {
      result = await autofillDocument(document, '407182', { submit: false });
    });
    expect(result).toEqual({ ok: true, fields: 6 });
    expect(state()).toBe('407182');
  });
});
