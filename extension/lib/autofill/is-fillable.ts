import { viewOf } from './view-of.ts';

/**
 * Whether a person could see and type into `element`: the autofill never writes where a person could not,
 * because that is exactly where bots get caught (honeypots) and where a wrong field hides.
 *
 * - Geometry, when the document has layout (a real page), and checked first: a rect under 4px, one that lies
 *   where no scrolling can reach (left of or above the page: `left:-9999px`, the classic honeypot, far
 *   translates and negative margins), or what `checkVisibility` calls invisible.
 * - Style rules, always: `hidden`, display:none, visibility:hidden, content-visibility:hidden, opacity near 0
 *   on the element or any ancestor (through shadow hosts), sized under 4px or clipped away by style, disabled
 *   or read-only.
 * A layout-less DOM (happy-dom in unit tests) reports zeros for every rect, so there a zero rect means
 * "unknown", not "hidden", and only the style rules apply: off-screen positioning is judged in real Chromium
 * only (autofill-fixtures.chromium.test.ts, is-fillable.chromium.test.ts), since the injected script carries
 * no layout-less copy of that test (issue 14: its 10 KiB budget).
 */
export function isFillable(element: HTMLElement, memo: FillableMemo = new Map()): boolean {
  const input = element as HTMLInputElement;
  // (A <button>'s `disabled` counts too: submit-form.ts never presses a disabled one either.)
  if (!element.isConnected || input.disabled || input.readOnly || input.type === 'hidden') return false;
  // Honeypots hide from assistive tech and the tab order too (aria-hidden + tabindex=-1, seen on signup forms).
  if (element.getAttribute('aria-hidden') === 'true' && element.tabIndex < 0) return false;
  const view = viewOf(element);
  if (!view) return false;
  if (hasLayout(element.ownerDocument, memo)) {
    // Geometry first: it rules out most hidden inputs (display:none has an empty rect) before any style walk.
    const rect = element.getBoundingClientRect();
    if (rect.width < MIN_SIZE_PX || rect.height < MIN_SIZE_PX) return false;
    if (rect.right + view.scrollX <= 0 || rect.bottom + view.scrollY <= 0) return false;
    // Chrome 116 (our minimum) knows the older option names, Chrome 121+ both.
    if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
  }
  const own = view.getComputedStyle(element);
  // visibility is inherited (a child may turn it back on), so the element's own computed value is the truth.
  if (own.visibility === 'hidden' || own.visibility === 'collapse') return false;
  if (px(own.width) < MIN_SIZE_PX || px(own.height) < MIN_SIZE_PX) return false;
  const opacity = hidesItself(element, own) ? HIDDEN : opacityOf(own) * visibleOpacity(parentOf(element), view, memo);
  return opacity >= MIN_OPACITY;
}

/**
 * Per search, what each ancestor lets through: the product of opacities from the root down to it, or HIDDEN;
 * and per document, 1 or 0 for "has layout". Inputs share most of their ancestors (form, body, html), so a
 * search over hundreds of inputs reads each ancestor's style once instead of once per input.
 */
export type FillableMemo = Map<Node, number>;

const HIDDEN = -1;

function visibleOpacity(node: Element | null, view: Window, memo: FillableMemo): number {
  if (!node) return 1;
  const known = memo.get(node);
  if (known !== undefined) return known;
  const above = visibleOpacity(parentOf(node), view, memo);
  let value = HIDDEN;
  if (above !== HIDDEN) {
    const style = view.getComputedStyle(node);
    if (!hidesItself(node, style) && !isCollapsedWrapper(style)) value = above * opacityOf(style);
    if (value < MIN_OPACITY) value = HIDDEN;
  }
  memo.set(node, value);
  return value;
}

function hidesItself(node: Element, style: CSSStyleDeclaration): boolean {
  return (
    node.hasAttribute('hidden') ||
    style.display === 'none' ||
    style.contentVisibility === 'hidden' ||
    isClippedAway(style)
  );
}

function opacityOf(style: CSSStyleDeclaration): number {
  const opacity = Number.parseFloat(style.opacity);
  return Number.isNaN(opacity) ? 1 : opacity;
}

/** A 0-size box with overflow hidden hides everything in it (a collapsed wrapper used as a honeypot). */
function isCollapsedWrapper(style: CSSStyleDeclaration): boolean {
  return style.overflow.includes('hidden') && (px(style.width) < MIN_SIZE_PX || px(style.height) < MIN_SIZE_PX);
}

const MIN_SIZE_PX = 4;
const MIN_OPACITY = 0.1;

function hasLayout(doc: Document, memo: FillableMemo): boolean {
  let known = memo.get(doc);
  if (known === undefined) {
    const rect = doc.documentElement.getBoundingClientRect();
    known = rect.width > 0 || rect.height > 0 ? 1 : 0;
    memo.set(doc, known);
  }
  return known === 1;
}

/** The element's parent, stepping out of a shadow root to its host. */
function parentOf(element: Element): Element | null {
  const root = element.getRootNode();
  return element.parentElement ?? (root.nodeType === 11 && 'host' in root ? (root as ShadowRoot).host : null);
}

/** A length in px; NaN (false in every comparison) for anything else ("auto", "50%"). */
function px(value: string): number {
  const match = /^(-?[\d.]+)px$/.exec(value.trim());
  return match ? Number(match[1]) : Number.NaN;
}

/** The "visually hidden" recipes: `clip: rect(0 0 0 0)` and `clip-path: inset(50%)`. */
function isClippedAway(style: CSSStyleDeclaration): boolean {
  const clip = style.clip.replace(/\s|,/g, '');
  if (clip === 'rect(0000)' || clip === 'rect(0px0px0px0px)') return true;
  return /inset\(\s*50%\s*\)/.test(style.clipPath);
}
