import { type CorpusCase, email, minutes, sms } from './corpus-case.ts';

/**
 * Messages written after the extractor was tuned, to keep its figures honest: odd layouts, several numbers
 * close together, keywords in unusual places.
 */
export const HARDER: CorpusCase[] = [
  sms(
    'hard · code after a long warning',
    'Shopee',
    'Shopee: NEVER share this code with anyone, not even Shopee staff or a courier who calls you. Your code: 482913',
    { code: '482913', site: 'shopee.com' },
  ),
  sms('hard · code before the brand, dash separator', 'Amazon', '482913 - Amazon verification code. Valid 10 min.', {
    code: '482913',
    site: 'amazon.com',
    ttlMs: minutes(10),
  }),
  sms('hard · code in parentheses', 'BANK', 'Your one-time code (482913) expires in 5 minutes.', {
    code: '482913',
    ttlMs: minutes(5),
  }),
  sms('hard · quoted code', 'APP', 'Enter the code "482913" to continue.', { code: '482913' }),
  sms(
    'hard · code and an amount in one sentence',
    'PayPal',
    'PayPal: Your code to confirm the $48.29 payment to ACME is 482913.',
    { code: '482913', site: 'paypal.com' },
  ),
  sms(
    'hard · code and a time in one sentence',
    'Google',
    'G-482913 is your Google verification code, requested at 14:32.',
    { code: '482913' },
  ),
  sms('hard · code with a trailing period and no space', 'Zalo', 'Ma xac thuc cua ban la 482913.Hieu luc 5 phut', {
    code: '482913',
    ttlMs: minutes(5),
  }),
  sms('hard · code, then card ending', 'HDFCBK', 'OTP 482913 for txn on card xx4421. Do not share.', {
    code: '482913',
  }),
  sms('hard · Japanese with the code first', 'LINE', '482913\nLINEの認証番号です。', { code: '482913' }),
  sms(
    'hard · Korean with sender ID brackets and a phone number',
    '1588-3820',
    '[Web발신]\n[네이버] 인증번호 [482913]\n문의 1588-3820',
    { code: '482913' },
  ),
  sms('hard · Indonesian OTP with an amount', 'OVO', 'OVO: Kode OTP 4829 untuk transaksi Rp 150.000. RAHASIA!', {
    code: '4829',
  }),
  sms('hard · Spanish code after a colon on a new line', 'Banorte', 'Banorte. Tu código de seguridad es:\n48291365', {
    code: '48291365',
  }),
  sms(
    'hard · Turkish code with amount after',
    'Akbank',
    'Akbank: 482913 şifreniz ile 1.250,00 TL tutarlı işleminizi onaylayın.',
    {
      code: '482913',
    },
  ),
  sms('hard · two different codes', 'APP', 'Your code is 482913. Your backup code is 771204.', { code: null }),
  email(
    'hard · HTML code split in spans',
    'Acme <no-reply@acme.example.com>',
    'Your sign-in code',
    '<p>Your sign-in code is</p><p><span>482</span><span>913</span></p>',
    { code: '482913', site: 'example.com', binding: 'email-domain' },
  ),
  email(
    'hard · code only in the subject',
    'Instagram <security@mail.instagram.com>',
    '482913 is your Instagram code',
    'Hi alex, someone tried to sign in to your Instagram account. If this was you, use the code in the subject line.',
    { code: '482913', site: 'instagram.com', binding: 'email-domain' },
  ),

  // Look-alikes written to trip a keyword-distance extractor
  sms('hard ✗ order number right after "code"', 'Shopee', 'Order code: 230112482913 has been delivered.', {
    code: null,
    site: 'shopee.com',
  }),
  sms('hard ✗ tracking right after a keyword', 'DHL', 'Verification of delivery: tracking 48291372 is on its way.', {
    code: null,
  }),
  sms('hard ✗ account number in a code sentence', 'BANK', 'We sent a code to the phone on account 48291372.', {
    code: null,
  }),
  sms('hard ✗ price after code keyword', 'SHOP', 'Code words for a great deal: only 4829 Rp today!', { code: null }),
  sms('hard ✗ year after keyword in a promo', 'SHOP', 'Code 2026: our biggest sale starts now, 50% off.', {
    code: null,
  }),
  sms('hard ✗ phone after keyword', 'BANK', 'Didn’t get your code? Call +1 415 555 0123.', { code: null }),
  sms('hard ✗ short code after keyword', 'BANK', 'To get your code text CODE to 729725.', { code: null }),
  sms(
    'hard ✗ postal code with a code keyword around',
    'DHL',
    'Enter your postcode 94043 to see your delivery code options.',
    {
      code: null,
    },
  ),
  sms('hard ✗ invoice prefix', 'ACME', 'Your code for invoice INV-482913 payment is attached.', { code: null }),
  sms('hard ✗ code keyword, then a date with spaces', 'CLINIC', 'Your check-in code is ready for 12 03 2026.', {
    code: null,
  }),
  sms('hard ✗ seat and gate in a boarding pass', 'AIRLINE', 'Boarding pass code: seat 14C, gate 21, flight 4829.', {
    code: null,
  }),
  sms('hard ✗ weight and distance', 'GRAB', 'Verification of your ride: 4829 m, 12 min away.', { code: null }),
  sms(
    'hard · a code quoted in a sign-in alert',
    'TikTok',
    'The code 482913 was used to log in on 01/12 at 14:32 from Jakarta. Not you? Reset your password.',
    {
      code: '482913',
      site: 'tiktok.com',
    },
  ),
  sms('hard ✗ membership number with keyword after', 'COSTCO', 'Member 48291372 — show this code at the door.', {
    code: null,
  }),
  sms(
    'hard ✗ Chinese order with 验证 in another clause',
    '106902',
    '【京东】订单48291372已签收、如需验证请联系客服。',
    { code: null },
  ),
  sms(
    'hard ✗ Vietnamese amount in dong with code word',
    'MoMo',
    'Ma giao dich 482913 thanh toan 150000 VND thanh cong.',
    { code: null },
  ),
  sms('hard ✗ Thai amount after the code word', 'KBank', 'รหัส 4829 บาท โอนสำเร็จ', { code: null }),
  sms('hard ✗ Russian card ending with code word', 'Tinkoff', 'Код не нужен: покупка по карте *4421 на 1 482 ₽.', {
    code: null,
  }),
  sms(
    'hard ✗ German IBAN fragment',
    'Sparkasse',
    'Ihr Sicherheitscode wurde an Konto DE89 3704 0044 0532 0130 00 gesendet.',
    { code: null },
  ),
  sms('hard ✗ version after the word code', 'APP', 'Code updated to version 4829. Restart the app.', { code: null }),
];
