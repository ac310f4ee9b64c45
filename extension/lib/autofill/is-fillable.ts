/**
 * Whether a person could see and type into `element`: the autofill never writes where a person could not,
 * because that is exactly where bots get caught (honeypots) and where a wrong field hides.
 *
 * Two layers, because unit tests run in a DOM without layout (happy-dom, jsdom):
 * - Style rules, always: `hidden`, display:none, visibility:hidden, content-visibility:hidden, opacity near 0
 *   on the element or any ancestor (through shadow hosts), sized under 4px or clipped away by style,
 *   positioned or translated far off-screen (`left:-9999px`, the classic honeypot), disabled or read-only.
 * - Geometry, only when the document has layout. A laid-out document's <html> always has a width (the
 *   viewport); a layout-less DOM reports zeros for every rect, so there a zero rect means "unknown", not
 *   "hidden". With layout, a rect under 4px or one that lies where no scrolling can reach (left or above
 *   the page) is not fillable, and `checkVisibility` (Chrome 121+) gets the last word when it exists.
 */
export function isFillable(element: HTMLElement): boolean {
  if (!element.isConnected) return false;
  if (isInput(element) && (element.disabled || element.readOnly || element.type === 'hidden')) return false;
  // Honeypots hide from assistive tech and the tab order too (aria-hidden + tabindex=-1, seen on signup forms).
  if (element.getAttribute('aria-hidden') === 'true' && element.tabIndex < 0) return false;
  const view = element.ownerDocument.defaultView;
  if (!view) return false;
  if (!styleAllowsSeeing(element, view)) return false;
  if (!hasLayout(element.ownerDocument)) return true;
  const rect = element.getBoundingClientRect();
  if (rect.width < MIN_SIZE_PX || rect.height < MIN_SIZE_PX) return false;
  if (rect.right + view.scrollX <= 0 || rect.bottom + view.scrollY <= 0) return false;
  const check = (element as { checkVisibility?: (options: object) => boolean }).checkVisibility;
  if (check && !check.call(element, { opacityProperty: true, visibilityProperty: true })) return false;
  return true;
}

const MIN_SIZE_PX = 4;
const FAR_OFFSCREEN_PX = -500;
const MIN_OPACITY = 0.1;

function isInput(element: HTMLElement): element is HTMLInputElement {
  return element.localName === 'input';
}

function hasLayout(doc: Document): boolean {
  const rect = doc.documentElement.getBoundingClientRect();
  return rect.width > 0 || rect.height > 0;
}

/** The element's parent, stepping out of a shadow root to its host. */
function parentOf(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return isShadowRoot(root) ? root.host : null;
}

function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === 11 && 'host' in node;
}

function px(value: string): number | null {
  const match = /^(-?[\d.]+)px$/.exec(value.trim());
  return match ? Number(match[1]) : null;
}

function styleAllowsSeeing(element: HTMLElement, view: Window): boolean {
  const own = view.getComputedStyle(element);
  // visibility is inherited (a child may turn it back on), so the element's own computed value is the truth.
  if (own.visibility === 'hidden' || own.visibility === 'collapse') return false;
  for (const size of [own.width, own.height]) {
    const value = px(size);
    if (value !== null && value < MIN_SIZE_PX) return false;
  }
  let opacity = 1;
  for (let node: Element | null = element; node; node = parentOf(node)) {
    if (node.hasAttribute('hidden')) return false;
    const style = node === element ? own : view.getComputedStyle(node);
    if (style.display === 'none' || style.contentVisibility === 'hidden') return false;
    const nodeOpacity = Number.parseFloat(style.opacity);
    if (!Number.isNaN(nodeOpacity)) opacity *= nodeOpacity;
    if (opacity < MIN_OPACITY) return false;
    if (isClippedAway(style)) return false;
    if (isFarOffscreen(style)) return false;
    // A 0-size box with overflow hidden hides everything in it (a collapsed wrapper used as a honeypot).
    if (node !== element && style.overflow.includes('hidden')) {
      const w = px(style.width);
      const h = px(style.height);
      if ((w !== null && w < MIN_SIZE_PX) || (h !== null && h < MIN_SIZE_PX)) return false;
    }
  }
  return true;
}

/** The "visually hidden" recipes: `clip: rect(0 0 0 0)` and `clip-path: inset(50%)`. */
function isClippedAway(style: CSSStyleDeclaration): boolean {
  const clip = style.clip.replace(/\s|,/g, '');
  if (clip === 'rect(0000)' || clip === 'rect(0px0px0px0px)') return true;
  return /inset\(\s*50%\s*\)/.test(style.clipPath);
}

function isFarOffscreen(style: CSSStyleDeclaration): boolean {
  if (style.position === 'absolute' || style.position === 'fixed') {
    for (const side of [style.left, style.top, style.right, style.bottom]) {
      const value = px(side);
      if (value !== null && value <= FAR_OFFSCREEN_PX) return true;
    }
  }
  for (const margin of [style.marginLeft, style.marginTop]) {
    const value = px(margin);
    if (value !== null && value <= FAR_OFFSCREEN_PX) return true;
  }
  const transform = style.transform;
  if (transform && transform !== 'none') {
    const offsets = [...transform.matchAll(/-?[\d.]+px/g)].map((m) => Number.parseFloat(m[0]));
    if (offsets.some((value) => value <= FAR_OFFSCREEN_PX)) return true;
    // Computed transforms come back as matrix(a, b, c, d, tx, ty) in real browsers.
    const matrix = /^matrix\(([^)]+)\)$/.exec(transform);
    const parts = matrix?.[1]?.split(',').map(Number) ?? [];
    if (parts.length === 6 && ((parts[4] ?? 0) <= FAR_OFFSCREEN_PX || (parts[5] ?? 0) <= FAR_OFFSCREEN_PX)) return true;
  }
  return false;
}
