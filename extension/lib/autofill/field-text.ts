import { normalizeText } from './match-keywords.ts';

/** What a field says about itself (`own`) and what the page around it says (`context`), normalized. */
export interface FieldText {
  own: string;
  context: string;
}

const OWN_ATTRIBUTES = ['name', 'id', 'class', 'placeholder', 'aria-label', 'title', 'data-testid', 'data-test'];
const MAX_BLOCK_CHARS = 200;
const MAX_CONTEXT_CHARS = 600;
const MAX_LEVELS = 8;
const MAX_CONTEXT_ELEMENTS = 60;
const MAX_CONTEXT_ITEMS = 4;
const MAX_TEXT_CHARS = 1000;

/**
 * Text signals for one field or one group of split boxes. `own` is the attributes, the <label>s,
 * aria-labelledby, and the text of the widest wrapper that holds these inputs and no other control (sites
 * without <label> put "Verification code" in a sibling <div>: TikTok-Shop-like seller centers do). `context`
 * is aria-describedby, the nearest headings/paragraphs above it and the document title.
 */
export function fieldText(inputs: readonly HTMLInputElement[]): FieldText {
  const first = inputs[0];
  if (!first) return { own: '', context: '' };
  const own: string[] = [];
  for (const input of inputs) {
    // (join writes a missing attribute's null as nothing.)
    for (const attribute of OWN_ATTRIBUTES) own.push(input.getAttribute(attribute) as string);
    for (const label of input.labels ?? []) own.push(textOf(label));
    own.push(referencedText(input, 'aria-labelledby'));
  }
  const block = widestBlock(inputs);
  if (block) own.push(textOf(block), block.getAttribute('aria-label') as string);
  // Split boxes are often named only on their wrapper: <div role="group" aria-label="Verification code">.
  if (inputs.length > 1) own.push(commonAncestor(inputs)?.getAttribute('aria-label') as string);
  const context = [referencedText(first, 'aria-describedby'), contextText(block ?? first)];
  context.push(first.ownerDocument.title);
  return { own: normalizeText(own.join(' ')), context: normalizeText(context.join(' ')) };
}

function referencedText(input: HTMLInputElement, attribute: string): string {
  const ids = input.getAttribute(attribute)?.split(/\s+/) ?? [];
  const root = input.getRootNode() as Document | ShadowRoot;
  return ids.map((id) => textOf(root.getElementById(id))).join(' ');
}

/** The widest ancestor holding these inputs and no other control, if its text is short enough to be a label. */
function widestBlock(inputs: readonly HTMLInputElement[]): Element | null {
  let best: Element | null = null;
  let node = commonAncestor(inputs);
  for (let level = 0; node && level < MAX_LEVELS; level++, node = node.parentElement) {
    if (node.localName === 'form' || node.localName === 'body') break;
    if (holdsOtherControls(node, inputs)) break;
    if (textOf(node).length > MAX_BLOCK_CHARS) break;
    best = node;
  }
  return best;
}

/** Live collections and an early exit: a form-sized node answers at its first foreign control. */
function holdsOtherControls(node: Element, inputs: readonly HTMLInputElement[]): boolean {
  if (node.querySelector('select, textarea')) return true;
  for (const input of node.getElementsByTagName('input')) {
    if (input.type !== 'hidden' && !inputs.includes(input)) return true;
  }
  return false;
}

function commonAncestor(inputs: readonly HTMLInputElement[]): Element | null {
  let node = inputs[0]?.parentElement ?? null;
  while (node && !inputs.every((input) => node?.contains(input))) node = node.parentElement;
  return node;
}

/**
 * Headings and paragraphs just before the field, in reverse document order: the "2-Step Verification" title
 * and the "We sent a code to…" line sit above the field on every fixture. Bounded (a few items, a short walk)
 * so a page with hundreds of fields costs each field little: a 400-field admin page is searched in a few ms.
 * Inside a shadow root with nothing there, the walk continues before the host.
 */
function contextText(start: Element): string {
  const parts: string[] = [];
  for (let from: Element | null = start; from && parts.length === 0; ) {
    const root = from.getRootNode() as Document | ShadowRoot;
    const walker = from.ownerDocument.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
    walker.currentNode = from;
    let node = walker.previousNode() as Element | null;
    for (let seen = 0; node && seen < MAX_CONTEXT_ELEMENTS && parts.length < MAX_CONTEXT_ITEMS; seen++) {
      if (isContextElement(node) && !node.contains(start)) parts.unshift(textOf(node));
      node = walker.previousNode() as Element | null;
    }
    from = 'host' in root ? root.host : null;
  }
  return parts.join(' ').slice(0, MAX_CONTEXT_CHARS);
}

/** Headings, legends, paragraphs, role=heading, and the div soup's `class="…title…"` (TikTok-like). */
function isContextElement(node: Element): boolean {
  if (/^(h[1-6]|legend|p)$/.test(node.localName) || node.getAttribute('role') === 'heading') return true;
  return node.getAttribute('class')?.includes('title') ?? false;
}

const CODE_TAGS = 'script, style, noscript';

/** Text of an element, collapsed; script/style/noscript bodies are skipped when there are any. */
function textOf(element: Element | null): string {
  if (!element) return '';
  let text = '';
  if (element.querySelector(CODE_TAGS)) {
    const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node && text.length < MAX_TEXT_CHARS; node = walker.nextNode()) {
      if (!node.parentElement?.matches(CODE_TAGS)) text += ` ${node.nodeValue ?? ''}`;
    }
  } else {
    text = element.textContent ?? '';
  }
  return text.slice(0, MAX_TEXT_CHARS).replace(/\s+/g, ' ').trim();
}
