import { getDomain } from 'tldts';

/**
 * The site an issuer's origin belongs to: its registrable domain from the public-suffix list
 * ("https://seller-us.tiktok.com" → "tiktok.com"), or the bare host where there is none (localhost, an IP).
 */
export function siteOfOrigin(origin: string): string {
  const { hostname } = new URL(origin);
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return getDomain(host, { allowPrivateDomains: false }) ?? host;
}
