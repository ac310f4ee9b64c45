import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TreeWalker, Window } from 'happy-dom';
import { registerKeywords, resetKeywords } from '../lib/autofill/active-keywords.ts';
import { ENGLISH_BUTTONS } from '../lib/autofill/keywords.ts';
import { LANGUAGE_KEYWORDS } from '../lib/autofill/language-keywords.ts';
import { pageLanguages } from '../lib/autofill/page-languages.ts';

/**
 * Test-only helpers, kept out of lib/ (the code the extension ships; issue 8): a fresh happy-dom window per
 * page, at the origin the code is for. Scripts do not run (fixtures are markup; page behaviour is attached by
 * the tests in TypeScript), frames with a `src` do not load (so a cross-origin frame stays opaque, as in a
 * browser), and declarative shadow DOM is attached the way a browser's parser would.
 */
export const TEST_ORIGIN = 'https://seller.example.com';
export const FIXTURES_DIR = join(import.meta.dirname, '../lib/autofill/fixtures');

/** The code each fixture is filled with: six digits unless its boxes or its trap need another length. */
const FIXTURE_CODES: Record<string, string> = {
  'split-4-boxes-bank.html': '4071',
  'split-8-boxes-wallet.html': '40718265',
  'credit-card-cvc.html': '4071', // a 4-digit CVC field next to a 4-digit code
  'portuguese-cep-address.html': '01310100', // an 8-digit CEP next to an 8-digit code
  'date-of-birth-boxes.html': '19900101', // 8 DOB boxes next to an 8-digit code
};

export function codeFor(fixture: string): string {
  return FIXTURE_CODES[fixture] ?? '407182';
}

export interface TestPage {
  win: Window;
  doc: Document;
  close: () => Promise<void>;
}

/**
 * happy-dom 21's TreeWalker.previousNode never returns an element whose last descendant the filter skips (a
 * shadowed variable sends it to the parent of where it started): field-text.ts's walk back to the headings and
 * paragraphs above a field (`<p>Enter the code we sent…</p>`) found none of them, so no happy-dom test saw a
 * field's context. The DOM standard's algorithm instead (https://dom.spec.whatwg.org/#dom-treewalker-previousnode),
 * for the whatToShow filters the autofill uses.
 */
function previousNode(this: globalThis.TreeWalker): Node | null {
  // A whatToShow filter skips a node, never rejects its subtree: the descent always reaches the last child.
  const accepts = (node: Node) => ((this.whatToShow >>> (node.nodeType - 1)) & 1) === 1;
  let node = this.currentNode;
  while (node !== this.root) {
    let sibling = node.previousSibling;
    while (sibling) {
      node = sibling;
      while (node.lastChild) node = node.lastChild;
      if (accepts(node)) {
        this.currentNode = node;
        return node;
      }
      sibling = node.previousSibling;
    }
    if (node === this.root || !node.parentNode) return null;
    node = node.parentNode;
    if (accepts(node)) {
      this.currentNode = node;
      return node;
    }
  }
  return null;
}
(TreeWalker.prototype as unknown as { previousNode: typeof previousNode }).previousNode = previousNode;

export function pageWith(html: string, url = `${TEST_ORIGIN}/verify`): TestPage {
  const win = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableIframePageLoading: true, disableCSSFileLoading: true },
  });
  win.document.write(html);
  const doc = win.document as unknown as Document;
  attachDeclarativeShadowRoots(doc);
  return { win, doc, close: () => win.happyDOM.close() };
}

export function fixturePage(file: string): TestPage {
  return pageWith(readFileSync(join(FIXTURES_DIR, file), 'utf8'));
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

/** Waits `ms` of real time (the arm watcher batches mutations on timers of the page's window). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * What React 16–19 does to a controlled <input> (react-dom inputValueTracking): an own `value` property on the
 * element that records every programmatic write, and an onChange that fires only when the DOM value differs
 * from the recorded one. After each event React re-renders and writes its state back into the field.
 */
export function controlLikeReact(input: HTMLInputElement): { state: () => string } {
  const view = input.ownerDocument.defaultView as unknown as typeof globalThis;
  const descriptor = Object.getOwnPropertyDescriptor(view.HTMLInputElement.prototype, 'value');
  if (!descriptor?.get || !descriptor.set) throw new Error('no native value accessor');
  const { get, set } = descriptor;
  let tracked = get.call(input) as string;
  let state = '';
  Object.defineProperty(input, 'value', {
    configurable: true,
    get() {
      return get.call(this);
    },
    set(value: string) {
      tracked = String(value);
      set.call(this, value);
    },
  });
  input.addEventListener('input', () => {
    const next = get.call(input) as string;
    if (next !== tracked) {
      tracked = next;
      state = next; // onChange → setState
    }
    input.value = state; // re-render: the controlled value wins
  });
  return { state: () => state };
}

/**
 * Loads the keyword packs the extension would inject into `doc` (English alone, plus what page-languages.ts
 * finds in the page itself; the browser's languages are left out so the page alone must tell), and only them.
 */
export function usePageLanguages(doc: Document): void {
  resetKeywords();
  // (The English button words come with the submit part, which a page with submit-after-fill also gets.)
  registerKeywords('en', ENGLISH_BUTTONS);
  for (const language of pageLanguages(doc, [])) registerKeywords(language, LANGUAGE_KEYWORDS[language]);
}
