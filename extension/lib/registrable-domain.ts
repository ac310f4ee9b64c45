import { getDomain } from 'tldts-icann';

/**
 * A page's site, as the relay decides a message's `site`: the registrable domain from the public-suffix list
 * ("seller-us.tiktok.com" → "tiktok.com", "a.shopee.co.id" → "shopee.co.id"), or null for a host that has
 * none (an IP, localhost). The relay uses tldts with `allowPrivateDomains: false`, which is the ICANN section
 * only: tldts-icann is that section alone, a third lighter in the bundle than tldts with both.
 */
export function registrableDomain(hostname: string): string | null {
  return getDomain(hostname);
}
