import { getDomain } from 'tldts';
import { z } from 'zod';

/** A registrable domain as tldts sees it ("tiktok.com", "shopee.co.id"), lower-case. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const registrable = (value: string) => getDomain(value, { allowPrivateDomains: false }) === value;

/**
 * A seller's own rule: messages from `from` on `channel` may be filled on `site`. For SMS, `from` is the sender
 * ID or number as the phone shows it ("TikTok", "729725"; case, spaces and dashes do not matter). For email it
 * is a domain, matching that domain and its subdomains ("tiktokglobalshop.com").
 */
export const SenderRuleSchema = z
  .object({
    channel: z.enum(['sms', 'email']),
    from: z.string().trim().min(1).max(100).toLowerCase(),
    site: z
      .string()
      .trim()
      .toLowerCase()
      .refine(registrable, { message: 'site must be a registrable domain such as "tiktok.com"' }),
  })
  .refine((rule) => rule.channel === 'sms' || DOMAIN.test(rule.from), {
    path: ['from'],
    message: 'for email, from must be a domain such as "tiktokglobalshop.com"',
  });
export type SenderRule = z.output<typeof SenderRuleSchema>;

export const SenderRulesSchema = z.array(SenderRuleSchema).max(1000);

const sms = (site: string, ...senders: string[]): SenderRule[] =>
  senders.map((from) => ({ channel: 'sms', from, site }));
const email = (site: string, ...domains: string[]): SenderRule[] =>
  domains.map((from) => ({ channel: 'email', from, site }));

/**
 * The big seller platforms, by the sender IDs their SMS carry and the domains they mail from. A platform with a
 * site per country (Amazon, Shopee, Lazada, Mercado Libre) gets its main one; a seller elsewhere adds a rule of
 * their own, which is checked first. Email from the platform's own domain needs no rule (email-domain binding).
 */
export const BUILT_IN_SENDER_RULES: readonly SenderRule[] = [
  ...sms('tiktok.com', 'tiktok', 'tiktokshop', 'tiktok shop'),
  ...email('tiktok.com', 'tiktokshop.com', 'tiktokglobalshop.com', 'tiktokv.com'),
  ...sms('shopify.com', 'shopify'),
  ...sms('amazon.com', 'amazon'),
  ...sms('ebay.com', 'ebay'),
  ...sms('etsy.com', 'etsy'),
  // 729725 spells PAYPAL on a phone keypad: PayPal's US short code.
  ...sms('paypal.com', 'paypal', '729725'),
  ...sms('shopee.com', 'shopee'),
  ...sms('lazada.com', 'lazada'),
  ...sms('tokopedia.com', 'tokopedia'),
  ...sms('mercadolibre.com', 'mercadolibre', 'mercado libre'),
  ...sms('mercadolivre.com.br', 'mercadolivre', 'mercado livre'),
  ...sms('walmart.com', 'walmart'),
];

/** Sender IDs compare without case, spaces, dashes, dots or a leading +: "TikTok Shop" = "TIKTOKSHOP". */
export const senderKey = (from: string): string => from.toLowerCase().replace(/[\s\-_.+()]/g, '');

/** The first rule (the seller's, then the built-in ones) for this SMS sender or email domain. */
export function matchSenderRule(
  rules: readonly SenderRule[],
  channel: 'sms' | 'email',
  from: string,
): SenderRule | undefined {
  for (const rule of [...rules, ...BUILT_IN_SENDER_RULES]) {
    if (rule.channel !== channel) continue;
    if (
      channel === 'sms'
        ? senderKey(rule.from) === senderKey(from)
        : from === rule.from || from.endsWith(`.${rule.from}`)
    )
      return rule;
  }
  return undefined;
}
