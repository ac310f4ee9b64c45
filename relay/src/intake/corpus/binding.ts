import { type CorpusCase, email, sms } from './corpus-case.ts';

/** Site binding: the @host line, its conflicts, sender rules, and what a phishing text cannot bind. */
export const BINDING: CorpusCase[] = [
  sms(
    'bind · @host line agrees with the sender rule',
    'TikTok',
    'Your TikTok code is 482913.\n\n@seller-us.tiktok.com #482913',
    {
      code: '482913',
      site: 'tiktok.com',
      binding: 'origin-bound-line',
    },
  ),
  sms(
    'bind · @host line disagrees with the sender rule: nothing bound',
    'TikTok',
    'Your TikTok code is 482913.\n\n@tiktok-verify.example #482913',
    { code: '482913' },
  ),
  sms(
    'bind · @host line with a two-level public suffix',
    '+447700900123',
    'Your code is 482913\n\n@login.example.co.uk #482913',
    {
      code: '482913',
      site: 'example.co.uk',
      binding: 'origin-bound-line',
    },
  ),
  sms('bind · @localhost has no registrable domain', '+15555550100', 'Your code is 482913\n\n@localhost #482913', {
    code: '482913',
  }),
  sms(
    'bind · embedded host on another site',
    '+15555550100',
    'Your code is 482913\n\n@shop.example.com #482913 @payments.example.net',
    { code: '482913' },
  ),
  sms('bind · the line gives the code even without a keyword', '+15555550100', 'Welcome!\n@shop.example.com #K7P9Q2', {
    code: 'K7P9Q2',
    site: 'example.com',
    binding: 'origin-bound-line',
  }),
  sms(
    'bind · a seller rule for their own sender ID',
    'MYSHOP',
    'MyShop: your login code is 482913.',
    { code: '482913', site: 'myshop.com' },
    [{ channel: 'sms', from: 'MyShop', site: 'myshop.com' }],
  ),
  sms(
    'bind · brand and URL in the text bind nothing',
    '+15555550123',
    'Amazon: your code is 482913. Sign in at https://amazon.com',
    {
      code: '482913',
    },
  ),
  sms('bind · sender ID spelled differently', 'TIKTOK SHOP', '[TikTok Shop] Your verification code is 739201.', {
    code: '739201',
    site: 'tiktok.com',
  }),
  email(
    'bind · display name is not the sender',
    '"Amazon Security" <alerts@amaz0n-security.example>',
    'Amazon verification code',
    'Your Amazon verification code is 482913.',
    { code: '482913', site: 'amaz0n-security.example', binding: 'email-domain' },
  ),
  email(
    'bind · spoofed From in a real mailbox binds nothing, even with an @host line',
    'TikTok <no-reply@tiktok.com>',
    'Your code',
    'Your verification code is 482913.\n\n@tiktok.com #482913',
    { code: '482913' },
    { authenticatedDomains: ['mailer.example'] },
  ),
  email(
    'bind · @host line in an email disagreeing with its From domain',
    'Shop <no-reply@shop.example.com>',
    'Your code',
    'Your verification code is 482913.\n\n@tiktok.com #482913',
    { code: '482913' },
  ),
  email(
    'bind · @host line in an email agreeing with its From domain',
    'Shop <no-reply@mail.shop.example.com>',
    'Your code',
    'Your verification code is 482913.\n\n@www.shop.example.com #482913',
    { code: '482913', site: 'example.com', binding: 'origin-bound-line' },
  ),
  email(
    'bind · DKIM on a subdomain aligns with the From domain',
    'TikTok <no-reply@tiktok.com>',
    'Your code',
    'Your verification code is 482913.',
    { code: '482913', site: 'tiktok.com', binding: 'email-domain' },
    { authenticatedDomains: ['mail.tiktok.com'] },
  ),
];
