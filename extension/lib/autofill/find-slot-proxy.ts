import { viewOf } from './view-of.ts';

/**
 * Components whose visible boxes are not inputs: Vuetify's VOtpInput draws six slots as <div>s and takes the
 * keys in ONE real input, 1px wide and transparent, that a click on any slot focuses (issue 14). That input
 * fails isFillable on purpose (the same recipe hides honeypots); it is still the code field when a person can
 * reach it (focusable, not aria-hidden, not display:none) and it sits beside 4–10 visible, repeated slots.
 * True when `input` is such a proxy with as many slots as the code has characters. A part of its own
 * (autofill-parts.ts: few pages have one), given `visible` (is-fillable.ts) by autofill.js.
 */
export function findSlotProxy(
  input: HTMLInputElement,
  codeLength: number | undefined,
  visible: (element: HTMLElement) => boolean,
): boolean {
  const slots = slotProxyCount(input, visible);
  return slots > 0 && (codeLength === undefined || slots === codeLength);
}

function slotProxyCount(input: HTMLInputElement, visible: (element: HTMLElement) => boolean): number {
  // (find-otp-fields.ts only asks about inputs of a code type: never type=hidden.)
  if (!isReachable(input) || input.disabled || input.readOnly || !input.isConnected) return 0;
  const style = viewOf(input)?.getComputedStyle(input);
  if (!style || style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return 0;
  let node = input.parentElement;
  for (let level = 0; node && level < MAX_LEVELS; level++, node = node.parentElement) {
    const slots = Math.max(repeatedChildren(node), ...[...node.children].map(repeatedChildren));
    if (slots >= MIN_SLOTS && slots <= MAX_SLOTS) return visible(node as HTMLElement) ? slots : 0;
  }
  return 0;
}

function isReachable(input: HTMLInputElement): boolean {
  return input.tabIndex >= 0 && input.getAttribute('aria-hidden') !== 'true';
}

/** The largest number of children of `node` alike in tag and first class that hold no input a person reaches. */
function repeatedChildren(node: Element): number {
  const counts = new Map<string, number>();
  let best = 0;
  for (const child of node.children) {
    // A slot may hold a decorative input of its own, out of reach (Vuetify's aria-hidden, tabindex=-1 spacer).
    if (child.localName === 'input' || [...child.getElementsByTagName('input')].some(isReachable)) continue;
    const key = `${child.localName}.${child.classList[0] ?? ''}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    best = Math.max(best, count);
  }
  return best;
}

const MAX_LEVELS = 3;
const MIN_SLOTS = 4;
const MAX_SLOTS = 10;
