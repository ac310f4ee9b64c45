import { getDomain } from 'tldts-icann';
import type { PageAt } from './fill-rules.ts';

/*
 * The public-suffix list (≈ 175 kB of the built extension) is loaded by the background alone: the popup and
 * the options page ask it (runtime message `otp-relay/site-of`, lib/site-of.ts) for the one site they need.
 */

/**
 * A page's site, as the relay decides a message's `site`: the registrable domain from the public-suffix list
 * ("seller-us.tiktok.com" → "tiktok.com", "a.shopee.co.id" → "shopee.co.id"), or null for a host that has
 * none (an IP, localhost). The relay uses tldts with `allowPrivateDomains: false`, which is the ICANN section
 * only: tldts-icann is that section alone, a third lighter in the bundle than tldts with both.
 */
export function registrableDomain(hostname: string): string | null {
  return getDomain(hostname);
}

/** A page at `origin` as the fill rules take it: the origin and its site. */
export function pageAt(origin: string): PageAt {
  return { origin, site: registrableDomain(new URL(origin).hostname) };
}

/**
 * What the seller typed as a site ("seller-us.tiktok.com", "https://seller.example.com/login", "tiktok.com"),
 * or a tab's origin, as the registrable domain codes are filled on; null when it names none (an IP,
 * localhost, nonsense).
 */
export function siteFromInput(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (text === '') return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`).hostname;
  } catch {
    return null;
  }
  return registrableDomain(host);
}
