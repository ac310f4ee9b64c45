import { normalizeText } from './match-keywords.ts';

/** What a field says about itself (`own`) and what the page around it says (`context`), normalized. */
export interface FieldText {
  own: string;
  context: string;
}

const OWN_ATTRIBUTES = ['name', 'id', 'class', 'placeholder', 'aria-label', 'title', 'data-testid', 'data-test'];
const CONTROLS = 'input:not([type=hidden]), select, textarea';
const CONTEXT = 'h1, h2, h3, h4, h5, h6, legend, [role=heading], p, [class*="title"], [class*="subtitle"]';
const MAX_BLOCK_CHARS = 200;
const MAX_CONTEXT_CHARS = 600;
const MAX_LEVELS = 8;

/**
 * Text signals for one field or one group of split boxes. `own` is the attributes, the <label>s,
 * aria-labelledby, and the text of the widest wrapper that holds these inputs and no other control (sites
 * without <label> put "Verification code" in a sibling <div>: TikTok-Shop-like seller centers do). `context`
 * is the nearest headings/paragraphs above it and the document title ("Two-step verification").
 */
export function fieldText(inputs: readonly HTMLInputElement[]): FieldText {
  const first = inputs[0];
  if (!first) return { own: '', context: '' };
  const own: string[] = [];
  for (const input of inputs) {
    for (const attribute of OWN_ATTRIBUTES) own.push(input.getAttribute(attribute) ?? '');
    for (const label of input.labels ?? []) own.push(textOf(label));
    own.push(referencedText(input, 'aria-labelledby'));
  }
  const block = widestBlock(inputs);
  if (block) own.push(textOf(block), block.getAttribute('aria-label') ?? '');
  // Split boxes are often named only on their wrapper: <div role="group" aria-label="Verification code">.
  if (inputs.length > 1) own.push(commonAncestor(inputs)?.getAttribute('aria-label') ?? '');
  const context = [referencedText(first, 'aria-describedby'), contextText(block ?? first)];
  context.push(first.ownerDocument.title);
  return { own: normalizeText(own.join(' ')), context: normalizeText(context.join(' ')) };
}

function referencedText(input: HTMLInputElement, attribute: string): string {
  const ids = input.getAttribute(attribute)?.split(/\s+/) ?? [];
  const root = input.getRootNode() as Document | ShadowRoot;
  return ids.map((id) => (id ? textOf(root.getElementById(id)) : '')).join(' ');
}

/** The widest ancestor holding these inputs and no other control, if its text is short enough to be a label. */
function widestBlock(inputs: readonly HTMLInputElement[]): Element | null {
  let best: Element | null = null;
  let node = commonAncestor(inputs);
  for (let level = 0; node && level < MAX_LEVELS; level++, node = node.parentElement) {
    if (node.localName === 'form' || node.localName === 'body') break;
    const controls = [...node.querySelectorAll(CONTROLS)];
    if (controls.some((control) => !inputs.includes(control as HTMLInputElement))) break;
    if (textOf(node).length > MAX_BLOCK_CHARS) break;
    best = node;
  }
  return best;
}

function commonAncestor(inputs: readonly HTMLInputElement[]): Element | null {
  let node = inputs[0]?.parentElement ?? null;
  while (node && !inputs.every((input) => node?.contains(input))) node = node.parentElement;
  return node;
}

/** Headings and paragraphs of the nearest ancestor that has any, walking up to the body. */
function contextText(start: Element): string {
  for (let node: Element | null = start.parentElement; node; node = node.parentElement) {
    const parts = [...node.querySelectorAll(CONTEXT)].map(textOf).filter(Boolean);
    if (parts.length > 0 || node.localName === 'body') return parts.join(' ').slice(0, MAX_CONTEXT_CHARS);
  }
  return '';
}

/** Visible-ish text of an element: its text nodes, skipping script/style/template. */
function textOf(element: Element | null): string {
  if (!element) return '';
  const doc = element.ownerDocument;
  const walker = doc.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement?.localName;
    if (parent === 'script' || parent === 'style' || parent === 'template' || parent === 'noscript') continue;
    text += ` ${node.nodeValue ?? ''}`;
    if (text.length > MAX_CONTEXT_CHARS * 2) break;
  }
  return text.replace(/\s+/g, ' ').trim();
}
