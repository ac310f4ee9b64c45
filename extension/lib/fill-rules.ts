import { type CodeState, isLive, type StoredCode } from './code-store.ts';

/*
 * Where a code may go: the one place that decides it, for the popup's Fill, the shortcut and auto-fill alike
 * (a new kind of code brings its rule here). Relay-issued codes go only into a page on exactly their own
 * origin (scheme, host and port): the relay was told that origin by the site that asked for the code.
 */

/** Why `code` may not be filled into a page at `pageOrigin` (null: not a web page), or null when it may. */
export function fillRefusal(code: StoredCode, pageOrigin: string | null): string | null {
  if (pageOrigin === null) return `This tab is not a web page; the code is for ${code.origin}.`;
  if (pageOrigin !== code.origin) return `This code is for ${code.origin}, but the tab shows ${pageOrigin}.`;
  return null;
}

/**
 * Whether auto-fill may put `code` into a page at `pageOrigin` with no click at all: the page must take the
 * code, and the user must have turned auto-fill on for it. (Host permission is checked by the caller.)
 */
export function autoFillsInto(
  code: StoredCode,
  pageOrigin: string | null,
  autoFillOrigins: readonly string[],
): boolean {
  return pageOrigin !== null && fillRefusal(code, pageOrigin) === null && autoFillOrigins.includes(pageOrigin);
}

/** The newest live code that may go into a page at `pageOrigin` (what the keyboard shortcut fills). */
export function newestCodeFor(state: CodeState, pageOrigin: string, localNow: number): StoredCode | undefined {
  const relayNow = localNow + state.skewMs;
  return state.codes.find((c) => isLive(c, relayNow) && fillRefusal(c, pageOrigin) === null);
}
