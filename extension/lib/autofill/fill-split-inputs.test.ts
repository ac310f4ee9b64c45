// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { autofillDocument } from './autofill-document.ts';
import { controlLikeReact, pageWith, type TestPage } from './test-page.ts';

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

const SIX_BOXES = `<h2>Enter verification code</h2><div class="otp">${'<input maxlength="1" inputmode="numeric">'.repeat(6)}</div>`;

function boxesOf(html = SIX_BOXES): HTMLInputElement[] {
  page = pageWith(html);
  return [...page.doc.querySelectorAll('input')];
}

/** Page behaviours of split-box widgets seen in the wild, attached to the boxes like the page's own script. */
const WIDGETS: Array<[string, (boxes: HTMLInputElement[]) => void]> = [
  [
    'auto-advance on input, select the next box (vue3-otp-input, react-otp-input)',
    (boxes) =>
      boxes.forEach((box, index) => {
        box.addEventListener('input', () => {
          const next = boxes[index + 1];
          if (box.value && next) {
            next.focus();
            next.select();
          }
        });
      }),
  ],
  [
    'clear a box when it gets focus, then auto-advance',
    (boxes) =>
      boxes.forEach((box, index) => {
        box.addEventListener('focus', () => {
          box.value = '';
        });
        box.addEventListener('input', () => boxes[index + 1]?.focus());
      }),
  ],
  [
    'handle digits on keydown itself: preventDefault, write the digit, move focus',
    (boxes) =>
      boxes.forEach((box, index) => {
        box.addEventListener('keydown', (event) => {
          if (/^\d$/.test(event.key)) {
            event.preventDefault();
            box.value = event.key;
            boxes[index + 1]?.focus();
          }
        });
      }),
  ],
  [
    'jump focus to the first empty box whenever any box is focused',
    (boxes) =>
      boxes.forEach((box) => {
        box.addEventListener('focus', () => {
          const empty = boxes.find((other) => other.value === '');
          if (empty && empty !== box) empty.focus();
        });
      }),
  ],
  [
    'spread a multi-character value over the boxes (paste handler on input)',
    (boxes) =>
      boxes.forEach((box, index) => {
        box.addEventListener('input', () => {
          if (box.value.length > 1) {
            [...box.value].forEach((char, offset) => {
              const target = boxes[index + offset];
              if (target) target.value = char;
            });
          }
        });
      }),
  ],
];

describe('split boxes', () => {
  it.each(WIDGETS)('fill one digit per box whatever the widget does: %s', (_name, attach) => {
    const boxes = boxesOf();
    attach(boxes);
    const result = autofillDocument(page?.doc as Document, '407182', { submit: false });
    expect(result).toEqual({ ok: true, fields: 6 });
    expect(boxes.map((box) => box.value).join('')).toBe('407182');
  });

  it('fills React-controlled boxes (one value tracker per box)', () => {
    const boxes = boxesOf();
    const states = boxes.map((box) => controlLikeReact(box));
    expect(autofillDocument(page?.doc as Document, '407182', { submit: false }).ok).toBe(true);
    expect(states.map((state) => state.state()).join('')).toBe('407182');
    expect(boxes.map((box) => box.value).join('')).toBe('407182');
  });

  it('sends each box its own key and input events, in box order', () => {
    const boxes = boxesOf();
    const typed: string[] = [];
    boxes.forEach((box, index) => {
      box.addEventListener('input', (event) => typed.push(`${index}:${(event as InputEvent).data}`));
    });
    autofillDocument(page?.doc as Document, '407182', { submit: false });
    expect(typed).toEqual(['0:4', '1:0', '2:7', '3:1', '4:8', '5:2']);
  });

  it('prefers the group whose size is the code length', () => {
    const four = `<div class="a">${'<input maxlength="1" inputmode="numeric">'.repeat(4)}</div>`;
    const six = `<div class="b">${'<input maxlength="1" inputmode="numeric">'.repeat(6)}</div>`;
    boxesOf(`<h2>Enter the verification code</h2>${four}${six}`);
    const doc = page?.doc as Document;
    expect(autofillDocument(doc, '407182', { submit: false })).toEqual({ ok: true, fields: 6 });
    expect([...doc.querySelectorAll('.a input')].map((box) => (box as HTMLInputElement).value).join('')).toBe('');
    expect([...doc.querySelectorAll('.b input')].map((box) => (box as HTMLInputElement).value).join('')).toBe('407182');
  });
});
