// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageWith, type TestPage } from '../../test-kit/autofill-page.ts';
import { fieldText } from './field-text.ts';

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

/** What fieldText reads for every input of a page of `html`, taken together (one field, or one group of boxes). */
function read(html: string) {
  page = pageWith(html);
  return fieldText([...page.doc.querySelectorAll('input')]);
}

describe('what a field says about itself (own)', () => {
  it.each<[string, string, string]>([
    [
      'aria-labelledby naming two elements: both texts, a space between',
      '<span id="a">Step 2</span><span id="b">Verification code</span><input aria-labelledby="a b">',
      'step 2 verification code',
    ],
    [
      'aria-labelledby and aria-describedby naming no element add nothing',
      '<input placeholder="Code" aria-labelledby="gone" aria-describedby="gone-too">',
      'code',
    ],
    [
      'markup inside a word of its label leaves the word whole (an access key underlined)',
      '<label for="otp"><u>V</u>erification code</label><input id="otp">',
      'otp verification code',
    ],
    [
      'a script in its label is skipped, nothing put in its place',
      '<label for="otp">Verification code<script>track("promo")</script></label><input id="otp">',
      'otp verification code',
    ],
  ])('%s', (_name, html, own) => {
    expect(read(html).own).toBe(own);
  });

  it('reads a label for its first 1000 characters only', () => {
    const label = `${'a'.repeat(990)} verification code`;
    expect(read(`<label for="otp">${label}</label><input id="otp">`).own).toBe(`otp ${label.slice(0, 1000)}`);
  });

  const indent = `\n${' '.repeat(40)}`;
  it.each<[string, string]>([
    [
      'exactly 200 characters between line breaks',
      `Verification code ${'x'.repeat(200 - 'Verification code '.length)}`,
    ],
    [
      '190 characters over two deeply indented lines',
      `Verification code${indent}${'x'.repeat(190 - 'Verification code '.length)}`,
    ],
  ])('measures its wrapper by the text a person reads, not the indentation: %s', (_name, label) => {
    const html = `<div>${indent}<span>${indent}${label}${indent}</span>${indent}<input>${indent.repeat(3)}</div>`;
    expect(read(html).own).toBe(label.toLowerCase().replace(/\s+/g, ' '));
  });

  it('names boxes in their own wrappers by the group around them all, when its text is too long to be a name', () => {
    // The instructions inside the group make it no label-sized wrapper: only its aria-label names the boxes.
    const instructions = `Enter the 6-digit code we sent to +1 ··· 42. ${'It expires in ten minutes. '.repeat(7)}`;
    const { own } = read(
      `<div role="group" aria-label="Verification code"><p>${instructions}</p>${'<div class="cell"><input maxlength="1"></div>'.repeat(6)}</div>`,
    );
    expect(own).toBe('verification code');
  });
});

describe('what the page around a field says (context)', () => {
  it.each<[string, string, string]>([
    [
      'a heading and a paragraph above, a space between',
      '<h1>Sign in</h1><p>2-step verification is on</p><input>',
      'sign in 2 step verification is on',
    ],
    [
      'aria-describedby, then the heading above, a space between',
      '<h2>2-step verification</h2><span id="hint">Expires in 10 minutes</span><input aria-describedby="hint">',
      'expires in 10 minutes 2 step verification',
    ],
    [
      'a progress bar above is no heading',
      '<h2>Two-step verification</h2><progress max="3" value="2">Step 2 of 3</progress><input>',
      'two step verification',
    ],
    [
      'a footnote mark above is no paragraph',
      '<h2>Two-step verification</h2><span>Trouble signing in<sup>1</sup></span><input>',
      'two step verification',
    ],
    [
      'a div with a class that is no title says nothing',
      '<h2>Two-step verification</h2><div class="hint">Gift cards are redeemed at checkout</div><input>',
      'two step verification',
    ],
  ])('%s', (_name, html, context) => {
    expect(read(html).context).toBe(context);
  });

  it('reads 600 characters of it at most', () => {
    const { context } = read(`<h2>Two-step verification</h2><p>${'x'.repeat(700)}</p><input>`);
    expect(context).toBe(`two step verification ${'x'.repeat(700)}`.slice(0, 600));
  });

  it('stays inside a shadow root that has a heading before the field, the page before its host unread', () => {
    page = pageWith('<h2>Gift card balance</h2><div id="host"></div>');
    const shadow = (page.doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<h3>2-step verification</h3><div><input></div>';
    expect(fieldText([shadow.querySelector('input') as HTMLInputElement]).context).toBe('2 step verification');
  });
});
