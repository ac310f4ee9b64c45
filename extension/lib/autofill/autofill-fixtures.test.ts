// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { codeFor, FIXTURES_DIR, fixturePage, type TestPage, usePageLanguages } from '../../test-kit/autofill-page.ts';
import { fillAsTheBridgeDoes } from '../../test-kit/autofill-parts.ts';
import type { PartName } from './autofill-parts.ts';

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

const files = readdirSync(FIXTURES_DIR).filter((file) => file.endsWith('.html'));
/**
 * Fixtures only geometry can judge: off-screen positioning, and boxes known by their width. The injected
 * script carries no layout-less copy of those tests (issue 14: its 10 KiB budget), so these run in real
 * Chromium only (autofill-fixtures.chromium.test.ts runs every fixture).
 */
const NEEDS_LAYOUT = ['number-boxes-no-maxlength.html', 'offscreen-only-otp.html'];
let page: TestPage | undefined;

afterEach(async () => {
  await page?.close();
  page = undefined;
});

/** All inputs, through open shadow roots and srcdoc frames, written independently of collect-roots.ts. */
function allInputs(root: Document | ShadowRoot): HTMLInputElement[] {
  const found: HTMLInputElement[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.localName === 'input') found.push(element as HTMLInputElement);
    const shadow = (element as HTMLElement).shadowRoot;
    if (shadow) found.push(...allInputs(shadow));
    const frameDoc = element.localName === 'iframe' ? (element as HTMLIFrameElement).contentDocument : null;
    if (frameDoc) found.push(...allInputs(frameDoc));
  }
  return found;
}

function expectedValue(input: HTMLInputElement, code: string): string | undefined {
  const expect = input.getAttribute('data-expect');
  if (expect === null) return undefined;
  return expect === 'code' ? code : code[Number(expect)];
}

/**
 * Every fixture page under fixtures/ is loaded into its own happy-dom window at the origin the code is for,
 * and filled once. The fixture itself says what must be filled with what: `data-expect="code"` on an input
 * that must receive the whole code, `data-expect="N"` on a split box that must receive character N. Every
 * other input must keep the value it had, and a fixture without `data-expect` must not be filled at all. The
 * frame starts with autofill.js alone and gets the parts it asks for (autofill-parts.ts), as in the extension:
 * a shape the search failed to ask for would leave its field unfilled or fill the wrong one.
 */
describe.each(files.filter((file) => !NEEDS_LAYOUT.includes(file)))('%s', (file) => {
  it('fills exactly the fields the fixture marks, with the code, and nothing else', async () => {
    page = fixturePage(file);
    const { doc } = page;
    // Only the keyword packs the extension would inject into this page: the same matches with less shipped.
    usePageLanguages(doc);
    const code = codeFor(file);
    const inputs = allInputs(doc);
    const before = inputs.map((input) => input.value);
    const marked = inputs.filter((input) => input.hasAttribute('data-expect'));

    const { result } = await fillAsTheBridgeDoes(doc, code, { submit: false });

    expect(result).toEqual(marked.length > 0 ? { ok: true, fields: marked.length } : { ok: false, reason: 'no-field' });
    inputs.forEach((input, index) => {
      const label = `${input.outerHTML.slice(0, 120)}`;
      expect(input.value, label).toBe(expectedValue(input, code) ?? before[index]);
    });
  });
});

describe('the parts a page asks for (autofill.js alone first)', () => {
  it.each<[string, PartName[]]>([
    ['otp-relay-demo-login-single.html', []],
    ['amazon-otp-code.html', []],
    ['google-two-step-verification.html', []],
    ['shadow-dom-otp-component.html', ['roots']],
    ['same-origin-iframe-otp.html', ['roots']],
    ['slots-over-hidden-input.html', ['slots']],
    ['split-4-boxes-bank.html', ['split']],
    ['stripe-sms-split-3-3.html', ['split']],
  ])('%s: %j', async (file, parts) => {
    page = fixturePage(file);
    usePageLanguages(page.doc);
    const { asked } = await fillAsTheBridgeDoes(page.doc, codeFor(file), { submit: false });
    expect(asked).toEqual(parts);
  });
});

it('leaves to Chromium only fixtures that exist', () => {
  expect(files).toEqual(expect.arrayContaining(NEEDS_LAYOUT));
});

it('has at least 25 fixtures, half of them pages that must not be filled', () => {
  const mustNot = files.filter((file) => !readFileSync(join(FIXTURES_DIR, file), 'utf8').includes('data-expect'));
  expect(files.length).toBeGreaterThanOrEqual(25);
  expect(mustNot.length * 2).toBeGreaterThanOrEqual(files.length);
});
