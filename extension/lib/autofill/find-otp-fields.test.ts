// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pageWith, type TestPage } from '../../test-kit/autofill-page.ts';
import { clearParts, registerParts } from '../../test-kit/autofill-parts.ts';
import type { PartName, ShapePart } from './autofill-parts.ts';
import { findOtpFields, type OtpTarget } from './find-otp-fields.ts';
import { findSplitGroups } from './find-split-groups.ts';
import { isFillable } from './is-fillable.ts';

// Every part of the autofill script, as the background injects them where a page may need them.
beforeAll(() => registerParts());

/** What a target is: 'split' (split boxes: the split part's target) or 'single'; null for none. */
const shapeOf = (target: OtpTarget | null | undefined) => (target ? ('group' in target ? 'split' : 'single') : null);

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

/** [left, top, width, height] in CSS px, as Chromium's getBoundingClientRect would give them. */
type Box = [left: number, top: number, width: number, height: number];

/**
 * happy-dom has no layout (every rect is zero, which the autofill reads as "unknown"). These tests hand the
 * geometry Chromium would compute to the elements that need it, the page a 1280×900 viewport, so that the
 * rules judged by rects (off-screen honeypots, boxes known by their shape, rows of wide boxes) are tested in
 * the unit suite too, case by case at their edges. The real pages run in Chromium (*.chromium.test.ts).
 */
function layOut(doc: Document, boxes: Array<[Element, Box]>): void {
  const rectOf = ([left, top, width, height]: Box) => ({
    left,
    top,
    width,
    height,
    x: left,
    y: top,
    right: left + width,
    bottom: top + height,
  });
  const set = (element: Element, box: Box) =>
    Object.defineProperty(element, 'getBoundingClientRect', { configurable: true, value: () => rectOf(box) });
  set(doc.documentElement, [0, 0, 1280, 900]);
  for (const [element, box] of boxes) set(element, box);
}

const inputs = (doc: Document) => [...doc.querySelectorAll('input')];

describe('isFillable where the page has layout', () => {
  it.each<[string, Box, boolean]>([
    ['an input on the page', [100, 100, 200, 40], true],
    ['4 px wide, the smallest a person can click', [100, 100, 4, 40], true],
    ['3 px wide', [100, 100, 3, 40], false],
    ['4 px tall', [100, 100, 200, 4], true],
    ['3 px tall', [100, 100, 200, 3], false],
    ['partly left of the page (its right edge on it)', [-150, 100, 200, 40], true],
    ['wholly left of the page (left:-9999px)', [-9999, 100, 200, 40], false],
    ['its right edge exactly at the page edge', [-200, 100, 200, 40], false],
    ['wholly above the page', [100, -3000, 200, 40], false],
    ['its bottom edge exactly at the page top', [100, -40, 200, 40], false],
    ['partly above the page', [100, -30, 200, 40], true],
  ])('%s', (_name, box, fillable) => {
    page = pageWith('<input id="target">');
    const target = page.doc.getElementById('target') as HTMLInputElement;
    layOut(page.doc, [[target, box]]);
    expect(isFillable(target)).toBe(fillable);
  });

  it('counts what scrolling reaches: left of the viewport but on the page after a scroll is fillable', () => {
    page = pageWith('<input id="target">');
    const target = page.doc.getElementById('target') as HTMLInputElement;
    // Scrolled 800 px right and 500 px down: the field sits 300 px left of and 200 px above the viewport.
    Object.defineProperty(page.win, 'scrollX', { configurable: true, value: 800 });
    Object.defineProperty(page.win, 'scrollY', { configurable: true, value: 500 });
    layOut(page.doc, [[target, [-300, -200, 200, 40]]]);
    expect(isFillable(target)).toBe(true);
  });

  it('believes checkVisibility when it says invisible', () => {
    page = pageWith('<input id="target">');
    const target = page.doc.getElementById('target') as HTMLInputElement;
    layOut(page.doc, [[target, [100, 100, 200, 40]]]);
    Object.defineProperty(target, 'checkVisibility', { value: () => false });
    expect(isFillable(target)).toBe(false);
  });

  it('asks checkVisibility about opacity too: a field slotted under a transparent shadow wrapper is hidden', () => {
    // The style walk climbs the light DOM (field → host) and never meets the wrapper around the <slot>; Chromium's
    // checkVisibility climbs the flat tree and, asked about opacity, finds it: without that option it says visible.
    page = pageWith('<div id="host"><input id="target"></div>');
    const host = page.doc.getElementById('host') as HTMLElement;
    host.attachShadow({ mode: 'open' }).innerHTML = '<div style="opacity:0"><slot></slot></div>';
    const target = page.doc.getElementById('target') as HTMLInputElement;
    layOut(page.doc, [[target, [100, 100, 200, 40]]]);
    Object.defineProperty(target, 'checkVisibility', {
      value: (options?: { checkOpacity?: boolean }) => options?.checkOpacity !== true,
    });
    expect(isFillable(target)).toBe(false);
  });

  it.each<[string, Box]>([
    ['no height (body margin 0, all else position:fixed)', [0, 0, 1280, 0]],
    ['no width (a frame of width="0", 4 px with its default borders, so searched)', [0, 0, 0, 900]],
  ])('judges by geometry a page whose root box has %s', (_name, root) => {
    page = pageWith('<input id="target">');
    const target = page.doc.getElementById('target') as HTMLInputElement;
    layOut(page.doc, [
      [page.doc.documentElement, root],
      [target, [-9999, 100, 200, 40]],
    ]);
    expect(isFillable(target)).toBe(false);
  });

  it('reads a page without layout (every rect zero) by its styles alone', () => {
    page = pageWith('<input id="target">');
    const target = page.doc.getElementById('target') as HTMLInputElement;
    expect(isFillable(target)).toBe(true);
  });
});

/** Six inputs with no maxlength, as MUI's one-time-password input renders them, under a labelled row. */
const MUI_ROW = `<h1>Two-step verification</h1><p>Enter the verification code we sent you.</p>
  <div class="row">${'<div class="cell"><input type="text" inputmode="numeric"></div>'.repeat(6)}</div>`;

/** Boxes 164 px wide, 56 tall, 8 px apart, at top 200: each then moved by `shift` for the box it names. */
function rowBoxes(
  doc: Document,
  shift: (index: number) => Partial<Record<'left' | 'top' | 'width', number>> = () => ({}),
) {
  return inputs(doc).map((input, index): [Element, Box] => {
    const { left = 0, top = 0, width = 0 } = shift(index);
    return [input, [100 + index * 172 + left, 200 + top, 164 + width, 56]];
  });
}

describe('a row of wide boxes without maxlength (MUI)', () => {
  it('is one split field, the boxes in order', () => {
    page = pageWith(MUI_ROW);
    layOut(page.doc, rowBoxes(page.doc));
    const target = findOtpFields(page.doc, 6);
    expect(shapeOf(target)).toBe('split');
    expect(shapeOf(target) === 'split' && target?.inputs()).toEqual(inputs(page.doc));
  });

  it.each<[string, (index: number) => Partial<Record<'left' | 'top' | 'width', number>>, boolean]>([
    ['a box 2 px wider than the first', (i) => (i === 3 ? { width: 2 } : {}), true],
    ['a box 3 px wider than the first', (i) => (i === 3 ? { width: 3 } : {}), false],
    ['a box 3 px narrower than the first', (i) => (i === 3 ? { width: -3 } : {}), false],
    ['a box 4 px lower', (i) => (i === 3 ? { top: 4 } : {}), true],
    ['a box 5 px lower', (i) => (i === 3 ? { top: 5 } : {}), false],
    ['a box 5 px higher', (i) => (i === 3 ? { top: -5 } : {}), false],
    ['a box overlapping the one before by 1 px', (i) => (i === 3 ? { left: -9 } : {}), true],
    ['a box overlapping the one before by 2 px', (i) => (i === 3 ? { left: -10 } : {}), false],
    ['the boxes right to left', (i) => ({ left: -2 * i * 172 }), false],
    ['the row starting left of the viewport (its first box cut by the edge)', () => ({ left: -200 }), true],
  ])('%s', (_name, shift, isRow) => {
    page = pageWith(MUI_ROW);
    layOut(page.doc, rowBoxes(page.doc, shift));
    expect(shapeOf(findOtpFields(page.doc, 6)) === 'split').toBe(isRow);
  });

  it('is no row when one of them is of another type', () => {
    page = pageWith(MUI_ROW);
    (page.doc.querySelectorAll('input')[2] as HTMLInputElement).type = 'tel';
    layOut(page.doc, rowBoxes(page.doc));
    expect(shapeOf(findOtpFields(page.doc, 6)) === 'split').toBe(false);
  });

  it('is still a row when one already holds a character (the digit a person typed first)', () => {
    page = pageWith(MUI_ROW);
    (page.doc.querySelectorAll('input')[0] as HTMLInputElement).value = '1';
    layOut(page.doc, rowBoxes(page.doc));
    expect(shapeOf(findOtpFields(page.doc, 6)) === 'split').toBe(true);
  });

  it('is no row when one already holds more than a character (a field, not a box)', () => {
    page = pageWith(MUI_ROW);
    (page.doc.querySelectorAll('input')[0] as HTMLInputElement).value = '12';
    layOut(page.doc, rowBoxes(page.doc));
    expect(shapeOf(findOtpFields(page.doc, 6)) === 'split').toBe(false);
  });

  it.each([
    ['20', 20],
    ['0 (they take no character)', 0],
  ])('is no row when the inputs have a maxlength that is not a box’s: %s', (_name, maxLength) => {
    page = pageWith(MUI_ROW);
    for (const input of inputs(page.doc)) input.maxLength = maxLength;
    layOut(page.doc, rowBoxes(page.doc));
    expect(shapeOf(findOtpFields(page.doc, 6)) === 'split').toBe(false);
  });

  it('is no group of three boxes and a wide field beside them (the field is no box, and they form no row)', () => {
    page = pageWith(`<div class="row">${'<input maxlength="1">'.repeat(3)}<input type="text"></div>`);
    const fields = inputs(page.doc);
    layOut(page.doc, [
      ...fields.slice(0, 3).map((input, index): [Element, Box] => [input, [100 + index * 48, 200, 40, 48]]),
      [fields[3] as Element, [244, 200, 200, 48]],
    ]);
    expect(findSplitGroups(fields)).toEqual([]);
  });
});

/** Six boxes whose maxlength is the code's length (Radix OneTimePasswordField): known by shape alone. */
const RADIX_BOXES = `<div class="row" role="group" aria-label="Verification code">${'<input type="text" maxlength="6">'.repeat(6)}</div>`;

describe('boxes known by their shape', () => {
  it.each<[string, number, number, boolean]>([
    ['40 × 48', 40, 48, true],
    ['64 px wide, the widest box', 64, 48, true],
    ['65 px wide', 65, 48, false],
    ['50 × 20, 2.5 times as wide as tall', 50, 20, true],
    ['50 × 19, flatter than a box', 50, 19, false],
  ])('%s', (_name, width, height, split) => {
    page = pageWith(RADIX_BOXES);
    // Far enough apart that no two boxes of another size would pass for a row.
    layOut(
      page.doc,
      inputs(page.doc).map((input, index): [Element, Box] => [
        input,
        [100 + index * 80, 200 + index * 10, width, height],
      ]),
    );
    const target = findOtpFields(page.doc, 6);
    expect(shapeOf(target) === 'split' && target?.inputs().length).toBe(split ? 6 : false);
  });

  it('six of them for an 8-digit code: no field, nor one box alone, however much it says', () => {
    // No maxlength (react-otp-input): only the group tells these are boxes, and each says one-time-code.
    page = pageWith(RADIX_BOXES.replaceAll('maxlength="6"', 'autocomplete="one-time-code"'));
    layOut(
      page.doc,
      inputs(page.doc).map((input, index): [Element, Box] => [input, [100 + index * 48, 200, 40, 48]]),
    );
    expect(shapeOf(findOtpFields(page.doc, 6))).toBe('split');
    expect(findOtpFields(page.doc, 8)).toBeNull();
  });
});

/** The single field found for a 6-digit code, by its id, or null. */
function singleField(html: string): string | null {
  page = pageWith(html);
  const target = findOtpFields(page.doc, 6);
  return shapeOf(target) === 'single' ? (target?.inputs()[0]?.id ?? null) : target && 'split';
}

describe('what the page around a field says', () => {
  it.each<[string, string, string | null]>([
    [
      'a heading above: "Two-step verification"',
      '<h2>Two-step verification</h2><div><input id="field" name="code"></div>',
      'field',
    ],
    [
      'a paragraph above: "we sent you a code"',
      '<p>We sent you a code.</p><div><input id="field" name="code"></div>',
      'field',
    ],
    [
      'a legend above',
      '<fieldset><legend>Verification code</legend><input id="field" name="code"></fieldset>',
      'field',
    ],
    [
      'a role=heading above',
      '<div role="heading">Verification code</div><div><input id="field" name="code"></div>',
      'field',
    ],
    [
      'a title-classed div above (TikTok-like)',
      '<div class="card-title">Verification code</div><div><input id="field" name="code"></div>',
      'field',
    ],
    ['a plain div above says nothing', '<div>Verification code</div><span><input id="field" name="code"></span>', null],
    ['nothing above, only "code"', '<div><input id="field" name="code"></div>', null],
    [
      'aria-describedby',
      '<span id="hint">Enter the code we sent to your phone</span><div><input id="field" name="code" aria-describedby="hint"></div>',
      'field',
    ],
    ['the document title', '<title>Two-step verification</title><div><input id="field" name="code"></div>', 'field'],
  ])('%s', (_name, html, found) => {
    expect(singleField(html)).toBe(found);
  });

  it('a gift-card heading above turns a numeric six-character code box down', () => {
    const box = '<div><input id="field" name="code" inputmode="numeric" maxlength="6"></div>';
    expect(singleField(box)).toBe('field');
    expect(singleField(`<h2>Redeem a gift card</h2>${box}`)).toBeNull();
  });

  it('reads above a shadow host when the shadow root has nothing before the field', () => {
    page = pageWith('<h2>Two-step verification</h2><div id="host"></div>');
    const shadow = (page.doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div><input id="field" name="code"></div>';
    const target = findOtpFields(page.doc, 6);
    expect(shapeOf(target) === 'single' && target?.inputs()[0]).toBe(shadow.getElementById('field'));
  });
});

describe('what a field says about itself', () => {
  it.each<[string, string, string | null]>([
    [
      'its wrapper names it, the select beside it is not part of its name',
      '<div><div><span>Verification code</span><input id="field"></div><select><option>Gift card</option></select></div>',
      'field',
    ],
    [
      'a textarea beside it is not part of its name either',
      '<div><div><span>Verification code</span><input id="field"></div><textarea>Promo code</textarea></div>',
      'field',
    ],
    [
      'a hidden input beside it is no other control: the wider wrapper names it',
      '<div><span>Verification code</span><div><input id="field"></div><input type="hidden" name="csrf"></div>',
      'field',
    ],
    [
      'a style inside its label is not text a person reads',
      '<label for="field">Verification code<style>.promo-banner{}</style></label><input id="field">',
      'field',
    ],
    [
      'a script inside its wrapper is not text a person reads',
      '<div><span>Verification code</span><script>track("giftcard")</script><input id="field"></div>',
      'field',
    ],
    [
      'the text after a script in its label still counts',
      '<label for="field"><script>track()</script>Gift card code</label><input id="field">',
      null,
    ],
  ])('%s', (_name, html, found) => {
    expect(singleField(html)).toBe(found);
  });
});

describe('which frames are searched', () => {
  const CODE_FORM = '<form><label for="c">Verification code</label><input id="c" inputmode="numeric"></form>';
  /** The field findOtpFields picks on the page, as the document it lives in and its id. */
  const found = (doc: Document) => {
    const target = findOtpFields(doc, 6);
    return shapeOf(target) === 'single'
      ? [target?.inputs()[0]?.ownerDocument === doc ? 'page' : 'frame', target?.inputs()[0]?.id]
      : null;
  };
  const srcdoc = CODE_FORM.replaceAll('"', "'");

  it.each<[string, string, string[] | null]>([
    ['a srcdoc frame (our origin)', `<iframe srcdoc="${srcdoc}"></iframe>`, ['frame', 'c']],
    [
      'a sandboxed srcdoc frame (an opaque origin)',
      `<iframe sandbox="allow-scripts" srcdoc="${srcdoc}"></iframe>`,
      null,
    ],
    [
      'a sandboxed srcdoc frame allowed our origin',
      `<iframe sandbox="allow-scripts allow-same-origin" srcdoc="${srcdoc}"></iframe>`,
      ['frame', 'c'],
    ],
    ['a hidden srcdoc frame', `<iframe style="display:none" srcdoc="${srcdoc}"></iframe>`, null],
  ])('%s', (_name, html, expected) => {
    page = pageWith(html);
    expect(found(page.doc)).toEqual(expected);
  });

  /** A frame (`tag`) whose document is at `url`: happy-dom loads no frame from a URL, so it is handed over as a browser would. */
  function pageWithFrameAt(url: string, tag = 'iframe'): TestPage[] {
    const outer = pageWith('');
    const inner = pageWith(CODE_FORM, url);
    const frame = outer.doc.body.appendChild(outer.doc.createElement(tag));
    Object.defineProperty(frame, 'contentDocument', { get: () => inner.doc });
    return [outer, inner];
  }

  it.each<[string, string, string[] | null]>([
    ['our origin, another path', 'https://seller.example.com/frame', ['frame', 'c']],
    ['about:blank (our origin, inherited)', 'about:blank', ['frame', 'c']],
    ['another origin (a bank’s 3-D Secure page)', 'https://acs.bank.example/challenge', null],
    ['our host over http', 'http://seller.example.com/frame', null],
  ])('a frame at %s', async (_name, url, expected) => {
    const [outer, inner] = pageWithFrameAt(url);
    try {
      expect(found((outer as TestPage).doc)).toEqual(expected);
    } finally {
      await inner?.close();
      await outer?.close();
    }
  });

  it('searches a frame at our origin inside a shadow root it is given as the root', async () => {
    const [outer, inner] = pageWithFrameAt('https://seller.example.com/frame');
    try {
      const doc = (outer as TestPage).doc;
      const host = doc.body.appendChild(doc.createElement('div'));
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.append(doc.querySelector('iframe') as HTMLIFrameElement);
      const target = findOtpFields(shadow, 6);
      expect(shapeOf(target) === 'single' && target?.inputs()[0]).toBe(inner?.doc.getElementById('c'));
    } finally {
      await inner?.close();
      await outer?.close();
    }
  });

  it('searches the <frame>s of an old frameset page too', async () => {
    const [outer, inner] = pageWithFrameAt('https://seller.example.com/frame', 'frame');
    try {
      expect(found((outer as TestPage).doc)).toEqual(['frame', 'c']);
    } finally {
      await inner?.close();
      await outer?.close();
    }
  });
});

describe('how much a single field looks like the place for a 6-digit code', () => {
  it.each<[string, string, boolean]>([
    ['only "otp" in its name', '<input id="field" name="otp">', true],
    ['only "code" in its name', '<input id="field" name="code">', false],
    ['"code", numeric keypad', '<input id="field" name="code" inputmode="numeric">', false],
    ['"code", numeric keypad, type=tel', '<input id="field" name="code" type="tel" inputmode="numeric">', false],
    [
      '"code" and three numeric hints (they count two at most)',
      '<input id="field" name="code" type="tel" inputmode="numeric" pattern="\\d*">',
      false,
    ],
    ['"code", 6 characters long', '<input id="field" name="code" maxlength="6">', false],
    [
      '"code", numeric keypad, 6 characters long',
      '<input id="field" name="code" inputmode="decimal" maxlength="6">',
      true,
    ],
    ['"code", digit pattern, 6 characters long', '<input id="field" name="code" pattern="[0-9]*" maxlength="6">', true],
    ['"code", type=number, 6 characters long', '<input id="field" name="code" type="number" maxlength="6">', true],
    ['"code", 8 characters long', '<input id="field" name="code" inputmode="numeric" maxlength="8">', false],
    ['"otp", 4 characters long: the code cannot fit', '<input id="field" name="otp" maxlength="4">', false],
    // maxLength is -1 without the attribute, 0 for maxlength="0": neither is a length to hold the code to
    // (the fill writes through the value setter, which maxlength does not limit).
    ['"otp", maxlength 0: read as no limit', '<input id="field" name="otp" maxlength="0">', true],
    [
      'nothing of its own, a verification heading above, one numeric hint',
      '<h2>Two-step verification</h2><div><input id="field" inputmode="numeric"></div>',
      false,
    ],
    [
      'nothing of its own, a verification heading above, two numeric hints',
      '<h2>Two-step verification</h2><div><input id="field" type="tel" inputmode="numeric"></div>',
      true,
    ],
    [
      'every numeric hint and 6 long, but nothing says code',
      '<p>Your pin</p><input id="field" type="tel" inputmode="numeric" pattern="\\d*" maxlength="6">',
      false,
    ],
    [
      '"pin" above and "code" in its name, numeric',
      '<p>Your pin</p><div><input id="field" name="code" type="tel" inputmode="numeric"></div>',
      true,
    ],
    ['autocomplete=one-time-code alone', '<input id="field" autocomplete="one-time-code">', true],
    [
      'autocomplete=one-time-code among other tokens',
      '<input id="field" autocomplete="section-login ONE-TIME-CODE">',
      true,
    ],
    [
      'autocomplete=one-time-code beats "phone" in its name',
      '<input id="field" name="phone" autocomplete="one-time-code">',
      true,
    ],
    ['"otp" with autocomplete=tel', '<input id="field" name="otp" autocomplete="tel">', false],
    ['"otp" with autocomplete=email', '<input id="field" name="otp" autocomplete="shipping email">', false],
    ['"phone"', '<input id="field" name="phone" inputmode="numeric" maxlength="6">', false],
    [
      '"the code we sent to your phone": strong beats phone',
      '<input id="field" aria-label="Code sent to your phone">',
      true,
    ],
    ['"otp" and "coupon"', '<input id="field" name="otp" placeholder="Coupon">', false],
    ['"otp", type=email', '<input id="field" name="otp" type="email">', false],
  ])('%s', (_name, html, found) => {
    expect(singleField(html)).toBe(found ? 'field' : null);
  });

  it('reads inputmode the way the browser reflects it, in any case (inputmode="Numeric")', () => {
    page = pageWith('<h2>Two-step verification</h2><div><input id="field" type="tel" inputmode="Numeric"></div>');
    const field = page.doc.getElementById('field') as HTMLInputElement;
    // The HTML standard reflects inputmode limited to its known values, in lower case (Chromium does);
    // happy-dom hands the attribute back as written.
    Object.defineProperty(field, 'inputMode', { get: () => 'numeric' });
    const target = findOtpFields(page.doc, 6);
    expect(shapeOf(target) === 'single' && target?.inputs()[0]).toBe(field);
  });

  it('of two fields alike, takes the first', () => {
    expect(singleField('<input id="first" name="otp"><input id="second" name="otp">')).toBe('first');
  });

  it('takes the field that says more over the first', () => {
    expect(
      singleField('<input id="first" name="otp"><input id="second" name="otp" autocomplete="one-time-code">'),
    ).toBe('second');
  });

  it('takes a group of boxes over a single field that scores the same', () => {
    page = pageWith(
      // 6 for "otp", 2 numeric hints, 2 for a maxlength of the code's length: the boxes' 6 for "otp" and 4.
      `<input id="field" name="otp" type="tel" inputmode="numeric" maxlength="6">
       <div>${'<input maxlength="1" name="otp">'.repeat(6)}</div>`,
    );
    expect(shapeOf(findOtpFields(page.doc, 6))).toBe('split');
  });
});

describe('a hidden input behind slots that are not inputs (Vuetify VOtpInput)', () => {
  const SPACER = '<input class="spacer" aria-hidden="true" tabindex="-1">';
  /** `slots` slot <div>s and the 1px proxy input (`proxy` attributes) inside `.otp`, wrapped `depth` times. */
  function slotsPage({ slots = 6, proxy = '', slot = `<div class="slot">${SPACER}</div>`, depth = 0, otp = '' } = {}) {
    const input = `<input id="proxy" class="otp__input" style="width:1px;height:1px;opacity:0" aria-label="Enter verification code" ${proxy}>`;
    const wrapped = '<div>'.repeat(depth) + input + '</div>'.repeat(depth);
    return `<h1>Verify your email</h1><div class="otp" ${otp}>${slot.repeat(slots)}${wrapped}</div>`;
  }
  const proxyFound = (html: string, codeLength: number | undefined) => {
    page = pageWith(html);
    const target = findOtpFields(page.doc, codeLength);
    return shapeOf(target) === 'single' && target?.inputs()[0]?.id === 'proxy';
  };

  it.each<[string, string, boolean]>([
    ['six slots for a 6-digit code', slotsPage(), true],
    ['out of the tab order', slotsPage({ proxy: 'tabindex="-1"' }), false],
    ['aria-hidden', slotsPage({ proxy: 'aria-hidden="true"' }), false],
    ['disabled', slotsPage({ proxy: 'disabled' }), false],
    ['read-only', slotsPage({ proxy: 'readonly' }), false],
    ['display:none', slotsPage({ proxy: 'hidden' }).replace('opacity:0', 'opacity:0;display:none'), false],
    ['visibility:hidden', slotsPage().replace('opacity:0', 'opacity:0;visibility:hidden'), false],
    ['visibility:collapse', slotsPage().replace('opacity:0', 'opacity:0;visibility:collapse'), false],
    ['five slots for a 6-digit code', slotsPage({ slots: 5 }), false],
    ['seven slots for a 6-digit code', slotsPage({ slots: 7 }), false],
    ['slots that are hidden', slotsPage({ otp: 'hidden' }), false],
    ['two wrappers between it and the slots', slotsPage({ depth: 2 }), true],
    ['three wrappers between it and the slots', slotsPage({ depth: 3 }), false],
    ['slots of the same kind with more classes', slotsPage({ slot: `<div class="slot filled">${SPACER}</div>` }), true],
    ['slots that hold no input at all', slotsPage({ slot: '<div class="slot"></div>' }), true],
    [
      'slots in a wrapper of their own beside it',
      slotsPage({ slot: '' }).replace(
        '<input id',
        `<div class="slots">${'<div class="slot"></div>'.repeat(6)}</div><input id`,
      ),
      true,
    ],
    [
      'slots that hold an input a person reaches (then they are fields, not slots)',
      slotsPage({ slot: '<div class="slot"><input></div>' }),
      false,
    ],
    ['inputs instead of slots', slotsPage({ slot: '<input class="slot" tabindex="-1">' }), false],
    [
      'divs of different kinds',
      slotsPage({ slot: '' }).replace(
        '<input id',
        `${'<div class="a"></div><div class="b"></div><div class="c"></div>'.repeat(2)}<input id`,
      ),
      false,
    ],
  ])('%s', (_name, html, found) => {
    expect(proxyFound(html, 6)).toBe(found);
  });

  it.each<[number, number | undefined, boolean]>([
    [4, 4, true],
    [3, undefined, false],
    [4, undefined, true],
    [10, 10, true],
    [10, undefined, true],
    [11, undefined, false],
  ])('%i slots, a code of %s characters: the proxy is the field → %s', (slots, codeLength, found) => {
    expect(proxyFound(slotsPage({ slots }), codeLength)).toBe(found);
  });
});

describe('how far a field’s name and context reach', () => {
  const nested = (levels: number, inner: string) => '<div>'.repeat(levels) + inner + '</div>'.repeat(levels);
  it.each<[string, string, string | null]>([
    [
      'a wrapper that holds only the field, named by aria-label',
      '<div aria-label="Verification code"><input id="field"></div>',
      'field',
    ],
    [
      'a wrapper that also holds another control: its aria-label names neither',
      '<div aria-label="Promo code"><input id="field" name="otp"><input name="other"></div>',
      'field',
    ],
    [
      'aria-labelledby naming two elements, the second says what it is',
      '<span id="a">Step 2</span><span id="b">Verification code</span><input id="field" aria-labelledby="a b">',
      'field',
    ],
    ['its name 8 wrappers up', `<div>Verification code${nested(7, '<input id="field">')}</div>`, 'field'],
    ['its name 9 wrappers up', `<div>Verification code${nested(8, '<input id="field">')}</div>`, null],
    ['words loose in the form are no name', '<form>Verification code<div><input id="field"></div></form>', null],
    [
      'a wrapper with 200 characters of text is still a name',
      `<div>Verification code ${'x'.repeat(200 - 'Verification code '.length)}<input id="field"></div>`,
      'field',
    ],
    [
      'a wrapper with 201 characters of text is no name (a whole panel)',
      `<div>Verification code ${'x'.repeat(201 - 'Verification code '.length)}<input id="field"></div>`,
      null,
    ],
    [
      'a heading 4 paragraphs up is context',
      `<h2>Two-step verification</h2>${'<p>Step.</p>'.repeat(3)}<div><input id="field" name="code"></div>`,
      'field',
    ],
    [
      'a heading 5 paragraphs up is too far',
      `<h2>Two-step verification</h2>${'<p>Step.</p>'.repeat(4)}<div><input id="field" name="code"></div>`,
      null,
    ],
    [
      'a heading 60 elements up is context',
      `<h2>Two-step verification</h2>${'<span></span>'.repeat(59)}<div><input id="field" name="code"></div>`,
      'field',
    ],
    [
      'a heading 61 elements up is too far',
      `<h2>Two-step verification</h2>${'<span></span>'.repeat(60)}<div><input id="field" name="code"></div>`,
      null,
    ],
  ])('%s', (_name, html, found) => {
    expect(singleField(html)).toBe(found);
  });
});

describe('split boxes (maxlength 1 or 2)', () => {
  const BOX = '<input maxlength="1" inputmode="numeric">';
  const boxes = (count: number, box = BOX) =>
    `<div role="group" aria-label="Verification code">${box.repeat(count)}</div>`;
  /** The number of boxes findOtpFields fills for a code of `codeLength`, or the single field's id, or null. */
  const filled = (html: string, codeLength?: number) => {
    page = pageWith(html);
    const target = findOtpFields(page.doc, codeLength);
    if (!target) return null;
    return shapeOf(target) === 'split' ? target?.inputs().length : target?.inputs()[0]?.id;
  };

  it.each<[string, string, number | undefined, number | string | null]>([
    ['4 boxes', boxes(4), 4, 4],
    ['6 boxes, the code’s length not known', boxes(6), undefined, 6],
    ['3 boxes are no group', boxes(3), undefined, null],
    ['10 boxes', boxes(10), 10, 10],
    ['11 boxes are no group', boxes(11), undefined, null],
    ['6 boxes of maxlength 2', boxes(6, '<input maxlength="2">'), 6, 6],
    ['6 boxes for an 8-digit code: not filled, nor its first box alone', boxes(6), 8, null],
    ['8 boxes for a 6-digit code: not filled', boxes(8), 6, null],
    ['each box 3 wrappers deep', boxes(6, `<div><div><div>${BOX}</div></div></div>`), 6, 6],
    [
      'each box 4 wrappers deep: no group, and no box is a field alone',
      boxes(6, `<div><div><div><div>${BOX}</div></div></div></div>`),
      6,
      null,
    ],
    ['one box named otp alone is no field', '<input id="box" name="otp" maxlength="1">', 6, null],
    [
      'one box named otp alone, the length not known, is no field',
      '<input id="box" name="otp" maxlength="1">',
      undefined,
      null,
    ],
    ['a two-character box named otp alone is no field', '<input id="box" name="otp" maxlength="2">', undefined, null],
    ['a three-character field named otp is one', '<input id="box" name="otp" maxlength="3">', undefined, 'box'],
  ])('%s', (_name, html, codeLength, expected) => {
    expect(filled(html, codeLength)).toBe(expected);
  });

  it('are not taken from the shape of inputs in a page without layout (four text fields of a form)', () => {
    page = pageWith(`<form>${'<input type="text">'.repeat(4)}</form>`);
    expect(findSplitGroups(inputs(page.doc))).toEqual([]);
  });

  it('is named by the aria-label of a group that also holds another control', () => {
    page = pageWith(
      `<div role="group" aria-label="Verification code">${'<input maxlength="1">'.repeat(6)}<input type="checkbox"></div>`,
    );
    expect(shapeOf(findOtpFields(page.doc, 6))).toBe('split');
  });

  it('of two groups alike, fills the first', () => {
    page = pageWith(`<div id="one">${boxes(6)}</div><div id="two">${boxes(6)}</div>`);
    const target = findOtpFields(page.doc, 6);
    expect(shapeOf(target) === 'split' && target?.inputs().every((input) => input.closest('#one'))).toBe(true);
  });

  it('groups boxes three and three around a dash as one field (Stripe, Slack)', () => {
    page = pageWith(
      `<div role="group" aria-label="Verification code"><div>${BOX.repeat(3)}</div><span>–</span><div>${BOX.repeat(3)}</div></div>`,
    );
    const target = findOtpFields(page.doc, 6);
    expect(shapeOf(target) === 'split' && target?.inputs()).toEqual([...page.doc.querySelectorAll('input')]);
  });
});

describe('the parts a page may need, asked for before anything is chosen (autofill.js alone)', () => {
  afterEach(() => registerParts());
  const CODE = '<h2>Enter the verification code</h2><input id="otp" autocomplete="one-time-code">';
  /** What findOtpFields asks for with only `parts` registered, and whether it still chose a target. */
  const asks = (html: string, parts: PartName[] = []) => {
    clearParts();
    registerParts(parts);
    page = pageWith(html);
    const missing = new Set<ShapePart>();
    const target = findOtpFields(page.doc, 6, missing);
    return { missing: [...missing], chosen: target !== null };
  };
  const shadowPage = (inner: string) => {
    page = pageWith('<h2>Enter the verification code</h2><otp-field id="host"></otp-field>');
    const root = (page.doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    root.innerHTML = inner;
    return page;
  };

  it.each<[string, string, string[]]>([
    ['one code field', CODE, []],
    ['a same-origin frame', `${CODE}<iframe srcdoc="<p>Help</p>"></iframe>`, ['roots']],
    [
      'a hidden input a person can still focus (a slot proxy, or a honeypot)',
      `${CODE}<input style="opacity:0">`,
      ['slots'],
    ],
    ['a hidden input out of the tab order', `${CODE}<input style="opacity:0" tabindex="-1">`, []],
    ['a disabled text field', `${CODE}<input value="+1 555 0100" disabled>`, []],
    ['a read-only text field', `${CODE}<input value="+1 555 0100" readonly>`, []],
    ['a hidden field of another type', `${CODE}<input type="email" style="opacity:0">`, []],
    ['four text fields (they may be boxes)', '<input><input><input><input>', ['split']],
    ['three text fields', '<input><input><input>', []],
    ['four fields, one of them no code type', '<input><input><input><input type="password">', []],
  ])('%s: %j', (_name, html, parts) => {
    const { missing, chosen } = asks(html);
    expect(missing).toEqual(parts);
    if (parts.length > 0) expect(chosen).toBe(false);
  });

  it('chooses the field when nothing is missing', () => {
    expect(asks(CODE)).toEqual({ missing: [], chosen: true });
  });

  it('asks for roots for an open shadow root, and for split only once its boxes are seen inside', () => {
    const boxes = `<div role="group" aria-label="Verification code">${'<input maxlength="1">'.repeat(4)}</div>`;
    clearParts();
    shadowPage(boxes);
    const missing = new Set<ShapePart>();
    expect(findOtpFields(page?.doc as Document, 4, missing)).toBeNull();
    expect([...missing]).toEqual(['roots']);
    registerParts(['roots']);
    missing.clear();
    expect(findOtpFields(page?.doc as Document, 4, missing)).toBeNull();
    expect([...missing]).toEqual(['split']);
    registerParts(['split']);
    missing.clear();
    expect(shapeOf(findOtpFields(page?.doc as Document, 4, missing))).toBe('split');
    expect([...missing]).toEqual([]);
  });

  it.each<[string, string, PartName[]]>([
    ['a same-origin frame', `${CODE}<iframe srcdoc="<p>Help</p>"></iframe>`, ['roots']],
    ['a hidden input a person can focus', `${CODE}<input style="opacity:0">`, ['slots']],
    ['four text fields', '<input><input><input><input>', ['split']],
  ])('asks for no part it has: %s', (_name, html, parts) => {
    expect(asks(html, parts).missing).toEqual([]);
  });
});

describe('split boxes straight in a shadow root (a web component with no element around them)', () => {
  it('is one split field, the boxes in order', () => {
    page = pageWith('<h2>Enter the verification code</h2><otp-boxes id="host"></otp-boxes>');
    const root = (page.doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    root.innerHTML = '<input maxlength="1">'.repeat(6);
    const target = findOtpFields(page.doc, 6);
    expect(shapeOf(target)).toBe('split');
    expect(target?.inputs()).toEqual([...root.querySelectorAll('input')]);
  });
});
