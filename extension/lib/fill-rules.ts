import { type AuthenticatorCode, isAuthenticatorCode } from './authenticator/authenticator-code.ts';
import { type CodeState, isLive, type StoredCode } from './code-store.ts';

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
 * - An authenticator code (lib/authenticator): the site its entry was bound to when it was added (confirmed by
 *   the seller), `https:` pages of it only, as for a site-bound message. An entry bound to no site is copy only:
 *   its code is never filled (a TOTP key is for one account; a second click would not make a guess safer).
 */

/** Any code the fill path may put into a page: a message's, or an authenticator entry's current one. */
export type FillableCode = StoredCode | AuthenticatorCode;

/** A page as the fill rules see it: its origin, and its site (registrable domain, lib/registrable-domain.ts). */
export type PageAt = { origin: string; site: string | null };
export type FillVerdict = { ok: true } | { ok: false; reason: 'wrong-origin' | 'needs-confirmation'; message: string };

/** How the popup names who sent a code: "SMS from TikTok", "Email from no-reply@shop.tiktok.com". */
export function senderLabel(code: StoredCode): string {
  return `${code.channel === 'sms' ? 'SMS' : 'Email'} from ${code.from}`;
}

/** What a code is for, as the popup names it: the exact origin, the site, or nothing. */
export function codeTarget(code: StoredCode): string | null {
  return code.binding === 'issuer' ? (code.origin ?? null) : code.site;
}

/** Whether `code` may be filled into `page` (null: not a web page); `confirmed`: the user's second click. */
export function fillVerdict(code: FillableCode, page: PageAt | null, confirmed = false): FillVerdict {
  if (isAuthenticatorCode(code)) return authenticatorVerdict(code, page);
  const target = codeTarget(code);
  if (page === null) {
    return {
      ok: false,
      reason: 'wrong-origin',
      message: `This tab is not a web page; the code is for ${target ?? 'a site you choose'}.`,
    };
  }
  if (code.binding === 'issuer') {
    if (page.origin === code.origin) return { ok: true };
    return {
      ok: false,
      reason: 'wrong-origin',
      message: `This code is for ${code.origin}, but the tab shows ${page.origin}.`,
    };
  }
  if (code.site !== null) return siteVerdict(code.site, page);
  if (confirmed) return { ok: true };
  return {
    ok: false,
    reason: 'needs-confirmation',
    message: `Fill the code from ${code.from} into ${new URL(page.origin).hostname}?`,
  };
}

function authenticatorVerdict(code: AuthenticatorCode, page: PageAt | null): FillVerdict {
  if (code.site === null)
    return { ok: false, reason: 'wrong-origin', message: `${code.name} is tied to no site: set its site to fill it.` };
  if (page === null)
    return { ok: false, reason: 'wrong-origin', message: `This tab is not a web page; the code is for ${code.site}.` };
  return siteVerdict(code.site, page);
}

/** `https:` pages whose registrable domain is `site`, and no other. */
function siteVerdict(site: string, page: PageAt): FillVerdict {
  if (new URL(page.origin).protocol === 'https:' && page.site === site) return { ok: true };
  return {
    ok: false,
    reason: 'wrong-origin',
    message: `This code is for ${site} (https only), but the tab shows ${page.origin}.`,
  };
}

/** Why `code` may not be filled into `page` even with a confirmation, or null when it may. */
export function fillRefusal(code: FillableCode, page: PageAt | null): string | null {
  const verdict = fillVerdict(code, page, true);
  return verdict.ok ? null : verdict.message;
}

/**
 * Whether auto-fill may put `code` into `page` with no click at all: the page must take the
 * code without a confirmation, and the user must have turned auto-fill on for that page's origin. Codes bound
 * to no site never qualify. (Host permission is checked by the caller.)
 */
export function autoFillsInto(code: FillableCode, page: PageAt | null, autoFillOrigins: readonly string[]): boolean {
  if (page === null || !autoFillOrigins.includes(page.origin)) return false;
  return fillVerdict(code, page).ok;
}

/** The newest live code that may go into `page` with no confirmation (what the shortcut fills). */
export function newestCodeFor(state: CodeState, page: PageAt, localNow: number): StoredCode | undefined {
  const relayNow = localNow + state.skewMs;
  return state.codes.find((c) => isLive(c, relayNow) && fillVerdict(c, page).ok);
}
