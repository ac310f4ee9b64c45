/*
 * One mailbox, one spelling. A destination is shown as it was typed, NFC-normalised with its email domain
 * lowercased (domains are case-insensitive, RFC 5321 §2.4); the abuse limits key on a stricter form, since
 * `Seller+a@Shop.example` and `seller+b@shop.example` reach the same inbox at every mail host we know of.
 * Kept apart from destination.ts (libphonenumber) so the extension can read it without that weight.
 */

/**
 * Characters that change how a destination looks without changing what it is: bidi embeddings, overrides
 * and isolates (U+202A–202E, U+2066–2069), direction marks (U+200E, U+200F, U+061C) and zero-width ones
 * (U+200B–200D, U+2060, U+FEFF). A popup showing `‮moc.evil@seller` would read as another address.
 */
const HIDDEN = /[\u200B-\u200F\u061C\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/u;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'gu');

/** The first hidden character in `to` as `U+XXXX`, or undefined when there is none. */
export function hiddenCharacterIn(to: string): string | undefined {
  const found = HIDDEN.exec(to)?.[0];
  return found === undefined
    ? undefined
    : `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `text` without those characters: for what the relay must take as it came (the sender of a forwarded SMS or
 * of an email, where refusing would lose a real code) but may only show as it reads.
 */
export function withoutHiddenCharacters(text: string): string {
  return text.replace(HIDDEN_ALL, '');
}

export const HIDDEN_CHARACTER_MESSAGE = 'must not contain invisible or text-direction characters';

/** The displayed form: NFC, and the part after the last `@` (an email's domain) lowercased. */
export function normalizeDestination(to: string): string {
  const nfc = to.normalize('NFC');
  const at = nfc.lastIndexOf('@');
  return at === -1 ? nfc : nfc.slice(0, at) + nfc.slice(at).toLowerCase();
}

/** What limits are counted against: the displayed form, and for an email its local part lowercased, `+tag` dropped. */
export function destinationKey(to: string): string {
  const shown = normalizeDestination(to);
  const at = shown.lastIndexOf('@');
  if (at <= 0) return shown;
  const local = shown.slice(0, at).toLowerCase();
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}${shown.slice(at)}`;
}
