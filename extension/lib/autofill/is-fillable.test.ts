// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageWith, type TestPage } from '../../test-kit/autofill-page.ts';
import { isFillable } from './is-fillable.ts';

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

/** Each case is a page whose `#target` is or is not something a person could see and type into. */
const CASES: Array<[string, string, boolean]> = [
  ['a plain input', '<input id="target">', true],
  ['type=tel', '<input id="target" type="tel">', true],
  [
    'transparent text over decorative slots (input-otp)',
    '<input id="target" style="color: transparent; opacity: 1">',
    true,
  ],
  ['type=hidden', '<input id="target" type="hidden">', false],
  ['disabled', '<input id="target" disabled>', false],
  ['readonly', '<input id="target" readonly>', false],
  ['the hidden attribute', '<input id="target" hidden>', false],
  ['an ancestor with the hidden attribute', '<div hidden><div><input id="target"></div></div>', false],
  ['display:none', '<input id="target" style="display:none">', false],
  [
    'display:none from a stylesheet on an ancestor',
    '<style>.step{display:none}</style><div class="step"><input id="target"></div>',
    false,
  ],
  ['visibility:hidden inherited', '<div style="visibility:hidden"><input id="target"></div>', false],
  [
    'visibility turned back on inside a hidden parent',
    '<div style="visibility:hidden"><input id="target" style="visibility:visible"></div>',
    true,
  ],
  ['opacity 0', '<input id="target" style="opacity:0">', false],
  ['opacity 0.05', '<input id="target" style="opacity:0.05">', false],
  [
    'opacities that multiply below 0.1',
    '<div style="opacity:0.3"><div style="opacity:0.3"><input id="target"></div></div>',
    false,
  ],
  ['opacity 0.5', '<input id="target" style="opacity:0.5">', true],
  ['zero size', '<input id="target" style="width:0;height:0">', false],
  ['1px (sr-only)', '<input id="target" style="position:absolute;width:1px;height:1px;clip:rect(0,0,0,0)">', false],
  ['clip-path inset(50%)', '<input id="target" style="clip-path: inset(50%)">', false],
  ['a collapsed wrapper', '<div style="height:0;overflow:hidden"><input id="target"></div>', false],
  ['left:-9999px', '<input id="target" style="position:absolute;left:-9999px">', false],
  ['a fixed box far above the page', '<div style="position:fixed;top:-3000px"><input id="target"></div>', false],
  ['translated far off-screen', '<input id="target" style="transform: translateX(-9999px)">', false],
  ['a negative margin off-screen', '<input id="target" style="margin-left:-10000px">', false],
  ['slightly shifted (not a honeypot)', '<input id="target" style="position:relative;left:-20px">', true],
  ['aria-hidden and out of the tab order', '<input id="target" aria-hidden="true" tabindex="-1">', false],
  ['content-visibility:hidden', '<div style="content-visibility:hidden"><input id="target"></div>', false],
];

describe('isFillable', () => {
  it.each(CASES)('%s → %s', (_name, html, expected) => {
    page = pageWith(html);
    expect(isFillable(page.doc.getElementById('target') as HTMLInputElement)).toBe(expected);
  });

  it('is true inside an open shadow root whose host is visible', () => {
    page = pageWith('<div id="host" style="opacity:0.9"></div>');
    const host = page.doc.getElementById('host') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div style="opacity:0.9"><input id="target"></div>';
    const target = shadow.getElementById('target') as HTMLInputElement;
    expect(target.getRootNode()).toBe(shadow);
    expect(isFillable(target)).toBe(true);
  });

  it('multiplies opacities across the shadow boundary (host 0.3 × inner 0.3 is hidden)', () => {
    page = pageWith('<div id="host" style="opacity:0.3"></div>');
    const shadow = (page.doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div style="opacity:0.3"><input id="target"></div>';
    expect(isFillable(shadow.getElementById('target') as HTMLInputElement)).toBe(false);
  });

  it('looks through shadow hosts for hidden ancestors', () => {
    page = pageWith('<div id="host" style="display:none"></div>');
    const shadow = (page.doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input id="target">';
    expect(isFillable(shadow.getElementById('target') as HTMLInputElement)).toBe(false);
  });

  it('is false for an element no longer in the document', () => {
    page = pageWith('<input id="target">');
    const input = page.doc.getElementById('target') as HTMLInputElement;
    input.remove();
    expect(isFillable(input)).toBe(false);
  });
});
