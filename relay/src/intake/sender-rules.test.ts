import { describe, expect, it } from 'vitest';
import { BUILT_IN_SENDER_RULES, matchSenderRule, SenderRuleSchema } from './sender-rules.ts';

describe('SenderRuleSchema', () => {
  it('lower-cases and trims a valid rule', () => {
    expect(SenderRuleSchema.parse({ channel: 'email', from: ' Mail.MyShop.com ', site: 'MyShop.com' })).toEqual({
      channel: 'email',
      from: 'mail.myshop.com',
      site: 'myshop.com',
    });
  });

  it.each([
    ['a site that is a subdomain', { channel: 'sms', from: 'X', site: 'seller.tiktok.com' }, 'site'],
    ['a site that is a public suffix', { channel: 'sms', from: 'X', site: 'co.uk' }, 'site'],
    ['an email rule whose from is not a domain', { channel: 'email', from: 'TikTok', site: 'tiktok.com' }, 'from'],
    ['an empty from', { channel: 'sms', from: ' ', site: 'tiktok.com' }, 'from'],
    ['an unknown channel', { channel: 'fax', from: 'X', site: 'tiktok.com' }, 'channel'],
  ])('rejects %s, naming the field', (_name, rule, field) => {
    const result = SenderRuleSchema.safeParse(rule);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });

  it('accepts every built-in rule', () => {
    for (const rule of BUILT_IN_SENDER_RULES) expect(SenderRuleSchema.parse(rule)).toEqual(rule);
  });
});

describe('matchSenderRule', () => {
  const mine = [{ channel: 'sms' as const, from: 'shopee', site: 'shopee.co.id' }];
  it.each([
    ['sms', 'TikTok', [], 'tiktok.com'],
    ['sms', 'TIKTOK SHOP', [], 'tiktok.com'],
    ['sms', 'Tik-Tok', [], 'tiktok.com'],
    ['sms', '729725', [], 'paypal.com'],
    ['sms', 'Shopee', mine, 'shopee.co.id'],
    ['sms', 'Shopee', [], 'shopee.com'],
    ['sms', 'TikTokk', [], undefined],
    ['email', 'seller.tiktokglobalshop.com', [], 'tiktok.com'],
    ['email', 'tiktokglobalshop.com.evil.example', [], undefined],
    ['email', 'eviltiktokglobalshop.com', [], undefined],
    ['sms', 'tiktokglobalshop.com', [], undefined],
  ] as const)('%s from %s', (channel, from, rules, site) => {
    expect(matchSenderRule(rules, channel, from)?.site).toBe(site);
  });
});
