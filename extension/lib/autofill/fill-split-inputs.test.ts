// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { controlLikeReact, pageWith, type TestPage } from '../../test-kit/autofill-page.ts';
import { autofillDocument } from './autofill-document.ts';

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
  it.each(WIDGETS)('fill one digit per box whatever the widget does: %s', async (_name, attach) => {
    const boxes = boxesOf();
    attach(boxes);
    const result = await autofillDocument(page?.doc as Document, '407182', { submit: false });
    expect(result).toEqual({ ok: true, fields: 6 });
    expect(boxes.map((box) => box.value).join('')).toBe('407182');
  });

  it('fills React-controlled boxes (one value tracker per box)', async () => {
    const boxes = boxesOf();
    const states = boxes.map((box) => controlLikeReact(box));
    expect((await autofillDocument(page?.doc as Document, '407182', { submit: false })).ok).toBe(true);
    expect(states.map((state) => state.state()).join('')).toBe('407182');
    expect(boxes.map((box) => box.value).join('')).toBe('407182');
  });

  it('sends each box its own key and input events, in box order', async () => {
    const boxes = boxesOf();
    const typed: string[] = [];
    boxes.forEach((box, index) => {
      box.addEventListener('input', (event) => typed.push(`${index}:${(event as InputEvent).data}`));
    });
    await autofillDocument(page?.doc as Document, '407182', { submit: false });
    expect(typed).toEqual(['0:4', '1:0', '2:7', '3:1', '4:8', '5:2']);
  });

  it('prefers the group whose size is the code length', async () => {
    const four = `<div class="a">${'<input maxlength="1" inputmode="numeric">'.repeat(4)}</div>`;
    const six = `<div class="b">${'<input maxlength="1" inputmode="numeric">'.repeat(6)}</div>`;
    boxesOf(`<h2>Enter the verification code</h2>${four}${six}`);
    const doc = page?.doc as Document;
    expect(await autofillDocument(doc, '407182', { submit: false })).toEqual({ ok: true, fields: 6 });
    expect([...doc.querySelectorAll('.a input')].map((box) => (box as HTMLInputElement).value).join('')).toBe('');
    expect([...doc.querySelectorAll('.b input')].map((box) => (box as HTMLInputElement).value).join('')).toBe('407182');
  });

  it('takes the paste path when the widget distributes a paste itself: one event, no keys', async () => {
    const boxes = boxesOf();
    const keys: string[] = [];
    for (const box of boxes) box.addEventListener('keydown', (event) => keys.push(event.key));
    // Like react-otp-input and Mantine: the first box's paste handler spreads the text and moves focus.
    boxes[0]?.addEventListener('paste', (event) => {
      event.preventDefault();
      const text = event.clipboardData?.getData('text/plain') ?? '';
      boxes.forEach((box, index) => {
        box.value = text[index] ?? '';
      });
      boxes[5]?.focus();
    });
    expect(await autofillDocument(page?.doc as Document, '407182', { submit: false })).toEqual({ ok: true, fields: 6 });
    expect(boxes.map((box) => box.value).join('')).toBe('407182');
    expect(keys).toEqual([]);
    expect(page?.doc.activeElement).toBe(boxes[5]);
  });

  it('types box by box when a handled paste left the wrong thing, erasing it first', async () => {
    const boxes = boxesOf();
    boxes[0]?.addEventListener('paste', (event) => {
      event.preventDefault();
      if (boxes[0]) boxes[0].value = (event.clipboardData?.getData('text/plain') ?? '').slice(-1);
    });
    expect(await autofillDocument(page?.doc as Document, '407182', { submit: false })).toEqual({ ok: true, fields: 6 });
    expect(boxes.map((box) => box.value)).toEqual([...'407182']);
  });

  it('writes each digit into the box the widget believes active, as the page re-renders between keys', async () => {
    const boxes = boxesOf();
    // react-otp-input: the digit goes to the `activeInput` of the last render, and React 18+ renders the
    // focus event's state update in a microtask, after the event: typing without a pause writes every digit
    // into the first box.
    let active = 0;
    let rendered = 0;
    boxes.forEach((box, index) => {
      box.addEventListener('focus', () => {
        queueMicrotask(() => {
          rendered = index;
        });
        active = index;
      });
      box.addEventListener('input', () => {
        const value = box.value;
        box.value = '';
        const target = boxes[rendered];
        if (target) target.value = value;
        boxes[Math.min(active + 1, 5)]?.focus();
      });
    });
    expect(await autofillDocument(page?.doc as Document, '407182', { submit: false })).toEqual({ ok: true, fields: 6 });
    expect(boxes.map((box) => box.value)).toEqual([...'407182']);
  });

  // Digit boxes without maxlength, known by their width (type=number boxes a script limits to a digit), need
  // layout: fixtures/number-boxes-no-maxlength.html, in real Chromium (autofill-fixtures.chromium.test.ts).

  it('undoes a fill the widget did not take: no stray digits, and says so', async () => {
    const boxes = boxesOf();
    // A widget that keeps only the last key in its first box (the shape of the bug in issue 14).
    for (const box of boxes) {
      box.addEventListener('input', () => {
        const value = box.value;
        box.value = '';
        if (boxes[0] && value) boxes[0].value = value;
      });
    }
    expect(await autofillDocument(page?.doc as Document, '407182', { submit: false })).toEqual({
      ok: false,
      reason: 'not-accepted',
    });
    expect(boxes.map((box) => box.value).join('')).toBe('');
  });
});
