import { type CodeState, isLive, type StoredCode } from './code-store.ts';
import { registrableDomain } from './registrable-domain.ts';

/*
 * Where a code may go: the one place that decides it, for the popup's Fill, the shortcut and auto-fill alike
 * (a new kind of code brings its rule here).
 * - Relay-issued (`binding: "issuer"`): only a page on exactly its own origin (scheme, host and port); the
 *   site that asked for the code told the relay that origin.
 * - Bound to a site by the relay (the `@host #code` line, the email's domain, a sender rule): only `https:`
 *   pages whose registrable domain is that site, so seller-us.tiktok.com takes a tiktok.com code and
 *   tiktok.com.example or tiktok-seller.example never do.
 * - Bound to nothing (`site: null`): any web page, but never on its own: the user confirms a second time,
 *   told who sent it and where it would go. Never auto-filled, never by the shortcut.
 */

export type FillVerdict = { ok: true } | { ok: false; reason: 'wrong-origin' | 'needs-confirmation'; message: string };

/** How the popup names who sent a code: "SMS from TikTok", "Email from no-reply@shop.tiktok.com". */
export function senderLabel(code: StoredCode): string {
  return `${code.channel === 'sms' ? 'SMS' : 'Email'} from ${code.from}`;
}

/** What a code is for, as the popup names it: the exact origin, the site, or nothing. */
export function codeTarget(code: StoredCode): string | null {
  return code.binding === 'issuer' ? (code.origin ?? null) : code.site;
}

/** Whether `code` may be filled into a page at `pageOrigin` (null: not a web page); `confirmed`: second click. */
export function fillVerdict(code: StoredCode, pageOrigin: string | null, confirmed = false): FillVerdict {
  const target = codeTarget(code);
  if (pageOrigin === null) {
    return {
      ok: false,
      reason: 'wrong-origin',
      message: `This tab is not a web page; the code is for ${target ?? 'a site you choose'}.`,
    };
  }
  if (code.binding === 'issuer') {
    if (code.origin !== undefined && pageOrigin === code.origin) return { ok: true };
    return {
      ok: false,
      reason: 'wrong-origin',
      message: `This code is for ${code.origin}, but the tab shows ${pageOrigin}.`,
    };
  }
  const page = new URL(pageOrigin);
  if (code.site !== null) {
    if (page.protocol === 'https:' && registrableDomain(page.hostname) === code.site) return { ok: true };
    return {
      ok: false,
      reason: 'wrong-origin',
      message: `This code is for ${code.site} (https only), but the tab shows ${pageOrigin}.`,
    };
  }
  if (confirmed) return { ok: true };
  return {
    ok: false,
    reason: 'needs-confirmation',
    message: `Fill the code from ${code.from} into ${page.hostname}?`,
  };
}

/** Why `code` may not be filled into a page at `pageOrigin` even with a confirmation, or null when it may. */
export function fillRefusal(code: StoredCode, pageOrigin: string | null): string | null {
  const verdict = fillVerdict(code, pageOrigin, true);
  return verdict.ok ? null : verdict.message;
}

/**
 * Whether auto-fill may put `code` into a page at `pageOrigin` with no click at all: the page must take the
 * code without a confirmation, and the user must have turned auto-fill on for that page's origin. Codes bound
 * to no site never qualify. (Host permission is checked by the caller.)
 */
export function autoFillsInto(
  code: StoredCode,
  pageOrigin: string | null,
  autoFillOrigins: readonly string[],
): boolean {
  if (pageOrigin === null || !autoFillOrigins.includes(pageOrigin)) return false;
  return fillVerdict(code, pageOrigin).ok;
}

/** The newest live code that may go into a page at `pageOrigin` with no confirmation (what the shortcut fills). */
export function newestCodeFor(state: CodeState, pageOrigin: string, localNow: number): StoredCode | undefined {
  const relayNow = localNow + state.skewMs;
  return state.codes.find((c) => isLive(c, relayNow) && fillVerdict(c, pageOrigin).ok);
}
