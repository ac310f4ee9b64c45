// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { autofillDocument } from './autofill-document.ts';

/**
 * Every fixture page under fixtures/ is loaded into its own happy-dom window at the origin the code is for,
 * and filled once. The fixture itself says what must be filled with what: `data-expect="code"` on an input
 * that must receive the whole code, `data-expect="N"` on a split box that must receive character N. Every
 * other input must keep the value it had, and a fixture without `data-expect` must not be filled at all.
 * Declarative shadow DOM (`<template shadowrootmode>`) is attached here, as a browser's parser would.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures');
const ORIGIN = 'https://seller.example.com';

/** Code per fixture when it is not the default six digits (split boxes of 4 and 8, a 4-digit CVV trap…). */
const CODES: Record<string, string> = {
  'split-4-boxes-bank.html': '4071',
  'split-8-boxes-wallet.html': '40718265',
  'credit-card-cvc.html': '4071',
  'portuguese-cep-address.html': '01310100',
  'split-boxes-wrong-length.html': '407182',
};
const DEFAULT_CODE = '407182';

const files = readdirSync(FIXTURES).filter((file) => file.endsWith('.html'));
let open: Window | undefined;

afterEach(async () => {
  await open?.happyDOM.close();
  open = undefined;
});

export function loadFixture(file: string): Window {
  const win = new Window({
    url: `${ORIGIN}/verify`,
    settings: { disableJavaScriptEvaluation: true, disableIframePageLoading: true, disableCSSFileLoading: true },
  });
  win.document.write(readFileSync(join(FIXTURES, file), 'utf8'));
  attachDeclarativeShadowRoots(win.document as unknown as Document);
  open = win;
  return win;
}

function attachDeclarativeShadowRoots(root: Document | ShadowRoot): void {
  for (const template of root.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode]')) {
    const host = template.parentElement;
    if (!host) continue;
    const shadow = host.attachShadow({ mode: template.getAttribute('shadowrootmode') as ShadowRootMode });
    shadow.append(template.content.cloneNode(true));
    template.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}

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

describe.each(files)('%s', (file) => {
  it('fills exactly the fields the fixture marks, with the code, and nothing else', () => {
    const win = loadFixture(file);
    const doc = win.document as unknown as Document;
    const code = CODES[file] ?? DEFAULT_CODE;
    const inputs = allInputs(doc);
    const before = inputs.map((input) => input.value);
    const marked = inputs.filter((input) => input.hasAttribute('data-expect'));

    const result = autofillDocument(doc, code, { submit: false });

    expect(result).toEqual(marked.length > 0 ? { ok: true, fields: marked.length } : { ok: false, fields: 0 });
    inputs.forEach((input, index) => {
      const label = `${input.outerHTML.slice(0, 120)}`;
      expect(input.value, label).toBe(expectedValue(input, code) ?? before[index]);
    });
  });
});

it('has at least 25 fixtures, half of them pages that must not be filled', () => {
  const mustNot = files.filter((file) => !readFileSync(join(FIXTURES, file), 'utf8').includes('data-expect'));
  expect(files.length).toBeGreaterThanOrEqual(25);
  expect(mustNot.length * 2).toBeGreaterThanOrEqual(files.length);
});
