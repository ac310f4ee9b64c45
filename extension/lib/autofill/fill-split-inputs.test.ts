// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { controlLikeReact, pageWith, type TestPage } from '../../test-kit/autofill-page.ts';
import { registerParts } from '../../test-kit/autofill-parts.ts';
import { autofillDocument } from './autofill-document.ts';
import { fillSplitInputs, readBoxes } from './fill-split-inputs.ts';
import { PART_KIT } from './part-kit.ts';

// Every part of the autofill script, as the background injects them where a page may need them.
beforeAll(() => registerParts());

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

  it.each<[string, (boxes: HTMLInputElement[]) => HTMLInputElement[]]>([
    ['every box', (boxes) => boxes],
    ['every box but the first', (boxes) => boxes.slice(1)],
  ])('follows boxes the page replaces with new ones at the first digit: %s', async (_name, which) => {
    const boxes = boxesOf();
    const container = boxes[0]?.parentElement as Element;
    let replaced = false;
    // A re-render that makes new elements (no keys): the digits typed so far carried over.
    container.addEventListener('input', () => {
      if (replaced) return;
      replaced = true;
      for (const box of which([...container.querySelectorAll('input')])) {
        const fresh = box.cloneNode() as HTMLInputElement;
        fresh.value = box.value;
        box.replaceWith(fresh);
      }
    });
    expect(await autofillDocument(page?.doc as Document, '407182', { submit: false })).toEqual({ ok: true, fields: 6 });
    expect(replaced).toBe(true);
    expect([...container.querySelectorAll('input')].map((box) => box.value).join('')).toBe('407182');
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

  it('types a box again when the page overwrote it after the fill moved on, replacing what it held', async () => {
    const boxes = boxesOf();
    // A widget whose late re-render puts a stale digit back into the first box once the third one is typed.
    let rerendered = false;
    boxes[2]?.addEventListener('input', () => {
      if (!rerendered && boxes[0]) {
        rerendered = true;
        boxes[0].value = '9';
      }
    });
    const keys: string[] = [];
    for (const [index, box] of boxes.entries())
      box.addEventListener('keydown', (event) => keys.push(`${index}:${event.key}`));
    expect(await autofillDocument(page?.doc as Document, '407182', { submit: false })).toEqual({ ok: true, fields: 6 });
    expect(boxes.map((box) => box.value)).toEqual([...'407182']);
    // Every box once, then only the overwritten one: a second pass retypes what is wrong, nothing else.
    expect(keys).toEqual(['0:4', '1:0', '2:7', '3:1', '4:8', '5:2', '0:4']);
  });

  it('types a box at most twice, whatever the page keeps doing to it, and then says the code was not taken', async () => {
    const boxes = boxesOf();
    let typedIntoThird = 0;
    boxes[2]?.addEventListener('input', () => {
      typedIntoThird++;
      if (boxes[2]) boxes[2].value = '';
    });
    expect(await autofillDocument(page?.doc as Document, '407182', { submit: false })).toEqual({
      ok: false,
      reason: 'not-accepted',
    });
    expect(typedIntoThird).toBe(2);
  });

  it('waits for the page to settle before the second pass: a re-render that lands a moment later is mended', async () => {
    const boxes = boxesOf();
    const view = page?.doc.defaultView as Window;
    let once = false;
    boxes[5]?.addEventListener('input', () => {
      if (once) return;
      once = true;
      // A debounced re-render after the last key empties the second box.
      view.setTimeout(() => {
        if (boxes[1]) boxes[1].value = '';
      }, 5);
    });
    expect(await autofillDocument(page?.doc as Document, '407182', { submit: false })).toEqual({ ok: true, fields: 6 });
    expect(boxes.map((box) => box.value)).toEqual([...'407182']);
  });

  it('stops typing boxes the moment the person steps in, and leaves what they typed', async () => {
    const boxes = boxesOf();
    const group = { container: boxes[0]?.parentElement as Element, inputs: boxes };
    let person = false;
    boxes[2]?.addEventListener('keyup', () => {
      person = true;
    });
    const keys: string[] = [];
    for (const [index, box] of boxes.entries()) box.addEventListener('keydown', () => keys.push(String(index)));
    await fillSplitInputs(
      group,
      '407182',
      () => group,
      PART_KIT,
      () => person,
    );
    expect(keys).toEqual(['0', '1', '2']);
    expect(readBoxes(group)).toBe('407');
  });

  it('stops when the page re-rendered fewer boxes than the code has characters', async () => {
    const boxes = boxesOf();
    const group = { container: boxes[0]?.parentElement as Element, inputs: boxes };
    const fewer = { ...group, inputs: boxes.slice(0, 4) };
    let rendered = group;
    boxes[1]?.addEventListener('input', () => {
      rendered = fewer;
    });
    await expect(fillSplitInputs(group, '407182', () => rendered, PART_KIT)).resolves.toBeUndefined();
    expect(readBoxes(group)).toBe('4071');
  });

  it('ends the second pass where the page re-rendered fewer boxes after the first', async () => {
    const boxes = boxesOf();
    const group = { container: boxes[0]?.parentElement as Element, inputs: boxes };
    let rendered = group;
    boxes[5]?.addEventListener('input', () => {
      if (boxes[0]) boxes[0].value = '9';
      rendered = { ...group, inputs: boxes.slice(0, 4) };
    });
    await expect(fillSplitInputs(group, '407182', () => rendered, PART_KIT)).resolves.toBeUndefined();
    expect(readBoxes(group)).toBe('407182');
  });

  it('fills boxes when the caller gives no stop (a fill nobody can interrupt)', async () => {
    const boxes = boxesOf();
    const group = { container: boxes[0]?.parentElement as Element, inputs: boxes };
    await fillSplitInputs(group, '407182', () => group, PART_KIT);
    expect(readBoxes(group)).toBe('407182');
  });

  it('leaves boxes alone when their number is not the code length, or when there are none', async () => {
    const boxes = boxesOf();
    const keys: string[] = [];
    const pastes: string[] = [];
    for (const box of boxes) {
      box.addEventListener('keydown', (event) => keys.push(event.key));
      box.addEventListener('paste', () => pastes.push('paste'));
    }
    const group = { container: boxes[0]?.parentElement as Element, inputs: boxes };
    await fillSplitInputs(group, '4071', () => group, PART_KIT);
    const none = { container: group.container, inputs: [] };
    await expect(fillSplitInputs(none, '', () => none, PART_KIT)).resolves.toBeUndefined();
    expect(keys).toEqual([]);
    expect(pastes).toEqual([]);
    expect(readBoxes(group)).toBe('');
  });

  it('leaves boxes of a document without a window alone', async () => {
    const doc = document.implementation.createHTMLDocument('detached');
    const container = doc.createElement('div');
    const inputs = Array.from({ length: 6 }, () => doc.createElement('input'));
    container.append(...inputs);
    doc.body.append(container);
    const group = { container, inputs };
    await expect(fillSplitInputs(group, '407182', () => group, PART_KIT)).resolves.toBeUndefined();
    expect(readBoxes(group)).toBe('');
  });

  it('reads boxes the way the component does: a mask’s padding around a digit is not part of the code', async () => {
    const boxes = boxesOf();
    // A widget that shows each digit with a space beside it (its mask), keeping the digit as the value.
    for (const box of boxes) {
      box.addEventListener('input', () => {
        const digit = box.value.trim().slice(-1);
        box.value = digit ? `${digit} ` : '';
      });
    }
    expect(await autofillDocument(page?.doc as Document, '407182', { submit: false })).toEqual({ ok: true, fields: 6 });
    expect(boxes.map((box) => box.value.trim()).join('')).toBe('407182');
  });

  it('hands the paste to a handler on the widget’s root (React listens there), not only the first box', async () => {
    const boxes = boxesOf();
    const root = page?.doc.querySelector('.otp') as HTMLElement;
    const keys: string[] = [];
    for (const box of boxes) box.addEventListener('keydown', (event) => keys.push(event.key));
    root.addEventListener('paste', (event) => {
      event.preventDefault();
      const text = (event as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
      boxes.forEach((box, index) => {
        box.value = text[index] ?? '';
      });
    });
    expect(await autofillDocument(page?.doc as Document, '407182', { submit: false })).toEqual({ ok: true, fields: 6 });
    expect(keys).toEqual([]);
  });

  it('lets the paste out of a web component’s shadow root to a handler on the page', async () => {
    page = pageWith('<h2>Enter verification code</h2><otp-boxes id="host"></otp-boxes>');
    const host = page.doc.getElementById('host') as HTMLElement;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = `<div class="otp">${'<input maxlength="1" inputmode="numeric">'.repeat(6)}</div>`;
    const boxes = [...root.querySelectorAll('input')];
    const group = { container: root.querySelector('.otp') as Element, inputs: boxes };
    const pasted: string[] = [];
    page.doc.addEventListener('paste', (event) => {
      pasted.push((event as ClipboardEvent).clipboardData?.getData('text/plain') ?? '');
      boxes.forEach((box, index) => {
        box.value = '407182'[index] ?? '';
      });
    });
    await fillSplitInputs(group, '407182', () => group, PART_KIT);
    expect(pasted).toEqual(['407182']);
    expect(readBoxes(group)).toBe('407182');
  });
});
