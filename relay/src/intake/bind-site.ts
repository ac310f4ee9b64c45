import { getDomain } from 'tldts';
import { emailDomain } from './email-domain.ts';
import type { OriginBoundLine } from './parse-origin-bound-line.ts';
import { matchSenderRule, type SenderRule } from './sender-rules.ts';

export type Binding = 'origin-bound-line' | 'email-domain' | 'sender-rule' | 'none';

export interface SiteBinding {
  /** The registrable domain the code may be filled on, or null. */
  site: string | null;
  binding: Binding;
}

export interface BindSiteInput {
  channel: 'sms' | 'email';
  from: string;
  /** The message's `@host #code` last line, if it has one. */
  line: OriginBoundLine | null;
  /** Domains with a DKIM or DMARC pass (a real mailbox); undefined for a trusted source such as an app's SMTP. */
  authenticatedDomains?: readonly string[];
  /** The seller's own rules; the built-in ones are checked after them. */
  senderRules: readonly SenderRule[];
}

const NONE: SiteBinding = { site: null, binding: 'none' };
// The ICANN section only: tldts's default is allowPrivateDomains: false, and an options object (even the same
// values) makes it rebuild its options on every call, ~4 % of an SMTP message's CPU in figure 11's profile.
const siteOf = (host: string): string | null => getDomain(host);

/**
 * DMARC's relaxed alignment: the From domain counts as authenticated when a passing DKIM/DMARC domain has
 * the same registrable domain (mail from account.tiktok.com signed d=tiktok.com). A third party's signature
 * (d=amazonses.com) does not make the From domain true.
 */
function isAuthenticated(domain: string, authenticatedDomains: readonly string[] | undefined): boolean {
  if (authenticatedDomains === undefined) return true;
  const site = siteOf(domain);
  return authenticatedDomains.some((passed) => {
    const lower = passed.trim().toLowerCase();
    return lower === domain || (site !== null && siteOf(lower) === site);
  });
}

/** What the sender itself proves: an authenticated From domain (or a rule for it), or a rule for an SMS sender. */
function bindSender({ channel, from, authenticatedDomains, senderRules }: BindSiteInput): SiteBinding | 'spoofed' {
  if (channel === 'sms') {
    const rule = matchSenderRule(senderRules, 'sms', from);
    return rule ? { site: rule.site, binding: 'sender-rule' } : NONE;
  }
  const domain = emailDomain(from);
  if (domain === null) return NONE;
  if (!isAuthenticated(domain, authenticatedDomains)) return 'spoofed';
  // A rule for the From domain says where that sender's codes go (mail from tiktokglobalshop.com is for
  // tiktok.com): more specific than the domain itself, so it comes first.
  const rule = matchSenderRule(senderRules, 'email', domain);
  if (rule) return { site: rule.site, binding: 'sender-rule' };
  const site = siteOf(domain);
  return site ? { site, binding: 'email-domain' } : NONE;
}

/**
 * The site a code may be filled on, decided only from what a phishing text cannot write freely. Never from
 * URLs, brand names or display names in the text.
 *
 * 1. The `@host #code` last line names the site, but only if everything else known about the sender agrees:
 *    when the sender's own site (its authenticated From domain, or a rule for its SMS sender ID) is a
 *    different site, or an email's From fails authentication, or the line's embedded host is another site,
 *    the message contradicts itself and nothing is bound (site null). A contradiction is what a phishing
 *    message looks like (a look-alike sender quoting a real site's line, or a real sender's line rewritten),
 *    and an unbound code still reaches the seller: it is only never filled without a second, explicit click.
 * 2. Otherwise an email's From domain (with DKIM/DMARC pass for a real mailbox), through a sender rule for that
 *    domain if there is one, else its registrable domain.
 * 3. Otherwise a sender rule for the SMS sender ID or number.
 */
export function bindSite(input: BindSiteInput): SiteBinding {
  const sender = bindSender(input);
  const { line } = input;
  if (line === null) return sender === 'spoofed' ? NONE : sender;
  const site = siteOf(line.host);
  if (site === null || sender === 'spoofed') return NONE;
  if (line.embeddedHost !== null && siteOf(line.embeddedHost) !== site) return NONE;
  if (sender.site !== null && sender.site !== site) return NONE;
  return { site, binding: 'origin-bound-line' };
}
