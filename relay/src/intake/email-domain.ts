// The address part of a From header: the last <…> if there is one ("TikTok" <no-reply@account.tiktok.com>),
// else the whole value. The display name is never read: anyone can write "TikTok" there.
const ANGLE = /<([^<>]*)>\s*$/;
const ADDRESS = /^[^\s@<>"]+@([^\s@<>"/\\?#:[\]]+)$/;

/** The lower-case, punycode domain of an email From value, or null when it holds no single address. */
export function emailDomain(from: string): string | null {
  const trimmed = from.trim();
  if (trimmed.length > 998) return null; // RFC 5322's line limit
  const address = ANGLE.exec(trimmed)?.[1]?.trim() ?? trimmed;
  const domain = ADDRESS.exec(address)?.[1];
  if (!domain) return null;
  try {
    const { hostname } = new URL(`http://${domain}`);
    return hostname.includes('.') && hostname === hostname.replace(/[^a-z0-9.-]/g, '') ? hostname : null;
  } catch {
    return null;
  }
}
