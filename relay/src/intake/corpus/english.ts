import { type CorpusCase, minutes, sms } from './corpus-case.ts';

/** English SMS from the platforms, banks and apps a seller meets, codes and look-alikes. */
export const ENGLISH: CorpusCase[] = [
  sms(
    'en · TikTok login',
    'TikTok',
    '[TikTok] 482913 is your verification code, valid for 5 minutes. To keep your account safe, never forward this code.',
    { code: '482913', site: 'tiktok.com', ttlMs: minutes(5) },
  ),
  sms(
    'en · TikTok Shop seller center',
    'TikTokShop',
    '[TikTok Shop] Your verification code is 739201. It expires in 10 minutes. Do not share this code with anyone.',
    { code: '739201', site: 'tiktok.com', ttlMs: minutes(10) },
  ),
  sms('en · Google G- prefix', '22000', 'G-482913 is your Google verification code.', { code: '482913' }),
  sms(
    'en · WhatsApp with link and retriever hash',
    'WhatsApp',
    "<#> Your WhatsApp code: 482-913\nYou can also tap on this link to verify your phone: v.whatsapp.com/482913\nDon't share this code with others\n4sgLq1p5sV6",
    { code: '482913' },
  ),
  sms('en · Android SMS retriever hash', '+12025550147', '<#> Your ExampleApp code is: 583016\nFA+9qCX9VSu', {
    code: '583016',
  }),
  sms('en · Amazon OTP', 'Amazon', '482913 is your Amazon OTP. Do not share it with anyone.', {
    code: '482913',
    site: 'amazon.com',
  }),
  sms(
    'en · PayPal short code',
    '729725',
    "PayPal: Your security code is: 482913. Your code expires in 10 minutes. Please don't reply.",
    { code: '482913', site: 'paypal.com', ttlMs: minutes(10) },
  ),
  sms('en · eBay', 'eBay', "eBay: Your security code is 482913. Don't share it with anyone.", {
    code: '482913',
    site: 'ebay.com',
  }),
  sms('en · Etsy sign in', 'Etsy', "Etsy: 482913 is your Etsy sign in code. Don't share it with anyone.", {
    code: '482913',
    site: 'etsy.com',
  }),
  sms('en · Shopify login', 'Shopify', '482913 is your Shopify login code. It expires in 20 minutes.', {
    code: '482913',
    site: 'shopify.com',
    ttlMs: minutes(20),
  }),
  sms(
    'en · Walmart Seller Center',
    'Walmart',
    'Walmart: Your verification code is 482913. It expires in 15 minutes. Never share this code.',
    { code: '482913', site: 'walmart.com', ttlMs: minutes(15) },
  ),
  sms('en · Microsoft 7 digits', '+18555550100', 'Use 4829137 as Microsoft account security code', {
    code: '4829137',
  }),
  sms(
    'en · Apple with origin-bound line and same-site embedded host',
    '+18005550123',
    "Your Apple Account code is: 482913. Don't share it with anyone.\n\n@apple.com #482913 %apple.com",
    { code: '482913', site: 'apple.com', binding: 'origin-bound-line' },
  ),
  sms('en · Instagram 3+3 spaced', '32665', "482 913 is your Instagram code. Don't share it.", { code: '482913' }),
  sms('en · Facebook FB- prefix', '32665', 'FB-48291 is your Facebook confirmation code', { code: '48291' }),
  sms(
    'en · Uber with STOP short code',
    '+18336000000',
    'Your Uber code: 4829. Never share this code. Reply STOP ALL to 89203 to unsubscribe.',
    { code: '4829' },
  ),
  sms(
    'en · Telegram with login link and hash',
    'Telegram',
    'Telegram code: 48291\n\nYou can also tap on this link to log in:\nhttps://t.me/login/48291\n\noIFvaW5oXYg',
    { code: '48291' },
  ),
  sms('en · Chase 8 digits', '24273', "Chase: DON'T share. Use code 48291365. We'll NEVER call or text you for it.", {
    code: '48291365',
  }),
  sms(
    'en · card OTP with amount and card ending',
    'HDFCBK',
    'Your OTP for the transaction of USD 1,250.00 at AMAZON.COM with card ending 4421 is 582019. Valid for 5 mins. Do not share.',
    { code: '582019', ttlMs: minutes(5) },
  ),
  sms('en · Stripe', '+14155550199', 'Your Stripe verification code is: 482913', { code: '482913' }),
  sms(
    'en · Coinbase 7 digits',
    '+18885550111',
    "Your Coinbase verification code is: 4829137. Don't share this code with anyone; our employees will never ask for the code.",
    { code: '4829137' },
  ),
  sms('en · bracketed code', 'VERIFY', 'Your verification code is [ 482913 ]. Valid for 10 minutes.', {
    code: '482913',
    ttlMs: minutes(10),
  }),
  sms('en · Binance 3+3', 'Binance', 'Your Binance verification code: 482 913. Valid for 30 minutes.', {
    code: '482913',
    ttlMs: minutes(30),
  }),
  sms(
    'en · Lazada OTP',
    'Lazada',
    '[Lazada] Your OTP is 482913. This OTP will expire in 5 minutes. Please do not share it with anyone.',
    { code: '482913', site: 'lazada.com', ttlMs: minutes(5) },
  ),
  sms(
    'en · Shopee OTP',
    'Shopee',
    'Your Shopee OTP is 482913. Valid for 15 mins. DO NOT share this code with anyone, including Shopee staff.',
    { code: '482913', site: 'shopee.com', ttlMs: minutes(15) },
  ),
  sms('en · letters and digits after a keyword', 'ACME', 'Your Acme login code is K7P9Q2. It expires in 10 minutes.', {
    code: 'K7P9Q2',
    ttlMs: minutes(10),
  }),
  sms('en · Airbnb', '+14155550177', 'Your Airbnb verification code is: 482913. Don’t share this code with anyone.', {
    code: '482913',
  }),
  sms('en · Lyft 4 digits', '+14155550188', 'Your Lyft code is 4829', { code: '4829' }),
  sms('en · PIN', 'BANK', 'Your one-time PIN is 4829. It is valid for 3 minutes.', { code: '4829', ttlMs: minutes(3) }),
  sms('en · passcode, expiry in hours', 'Okta', 'Your Okta passcode is 482913. It expires in 1 hour.', {
    code: '482913',
    ttlMs: minutes(60),
  }),
  sms(
    'en · code with account alert around it',
    'Amazon',
    'Amazon: Sign-in attempt detected. Your one-time password is 482913. If this was not you, change your password.',
    { code: '482913', site: 'amazon.com' },
  ),
  sms('en · OTP= shape', 'AXISBK', 'OTP=482913 for login to Axis Mobile. Valid for 180 seconds.', {
    code: '482913',
    ttlMs: minutes(3),
  }),
  sms('en · code on its own line', 'DOORDASH', 'Your DoorDash verification code:\n482913', { code: '482913' }),
  sms('en · 2FA code', 'GitHub', 'Your GitHub 2FA code is 482913.', { code: '482913' }),
  sms('en · Signal', 'Signal', 'Your Signal code: 482913. Do not share this code', { code: '482913' }),

  // Look-alikes: nothing here is a code, whatever the words around it.
  sms(
    'en ✗ Amazon order shipped',
    'Amazon',
    'Your order #112-4829137-5521934 has shipped! Track your package: https://amzn.to/3xYz12',
    { code: null, site: 'amazon.com' },
  ),
  sms(
    'en ✗ tracking URL with digits',
    'Amazon',
    'Amazon: Your package will be delivered today. Track at amazon.com/progress-tracker/package/482913',
    { code: null, site: 'amazon.com' },
  ),
  sms(
    'en ✗ payment amount and reference',
    'ACME',
    'Your payment of $1,482.91 to ACME Corp was successful. Ref 4829137.',
    {
      code: null,
    },
  ),
  sms(
    'en ✗ card charge with card ending',
    '24273',
    'Chase: A charge of $482.91 at WALMART on card ending in 4421 was approved.',
    { code: null },
  ),
  sms('en ✗ STOP short code', '89203', 'Reply STOP to 89203 to unsubscribe. Msg&data rates may apply.', {
    code: null,
  }),
  sms('en ✗ promo code letters', 'Shopee', 'Use code SAVE20 at checkout for 20% off your next order!', {
    code: null,
    site: 'shopee.com',
  }),
  sms('en ✗ numeric promo code', 'Shopee', 'Your promo code 482913 expires tonight! Shop now at shopee.sg', {
    code: null,
    site: 'shopee.com',
  }),
  sms('en ✗ digits promo code with keyword', 'SHOP', 'Use code 482913 at checkout for 10% off!', { code: null }),
  sms('en ✗ appointment date and time', 'CLINIC', 'Your appointment is confirmed for 12/03/2026 at 10:30 AM.', {
    code: null,
  }),
  sms(
    'en ✗ flight number and booking code',
    'UNITED',
    'Your flight UA 4829 departs at 14:35 from Gate 21. Your booking code is K7P9Q2.',
    { code: null },
  ),
  sms('en ✗ phone number to call about a code', 'BANK', 'Questions about your code? Call us at 1-800-482-9137.', {
    code: null,
  }),
  sms('en ✗ invoice number and amount', 'ACME', 'Your invoice INV-2026-0042 for $250.00 is ready.', { code: null }),
  sms('en ✗ USPS tracking number', 'USPS', 'USPS: Your package 9400 1118 9922 3804 8291 37 is out for delivery.', {
    code: null,
  }),
  sms('en ✗ UPS tracking number', 'UPS', 'UPS: Package 1Z999AA10123456784 delivered.', { code: null }),
  sms(
    'en ✗ year in a promotion',
    'TikTokShop',
    'Happy New Year 2026 from the TikTok Shop team! Enjoy 30% off vouchers.',
    {
      code: null,
      site: 'tiktok.com',
    },
  ),
  sms('en ✗ balance with date', 'BANK', 'Your account balance is 4829.13 USD as of 01/12/2026.', { code: null }),
  sms('en ✗ street address and ZIP', 'UPS', 'Delivered to 1600 Amphitheatre Parkway, Mountain View, CA 94043.', {
    code: null,
  }),
  sms(
    'en ✗ verification word with an order number',
    'Etsy',
    'Your verification is complete. Order 48291372 will ship in 2 days.',
    { code: null, site: 'etsy.com' },
  ),
  sms('en ✗ gift card number', 'BestBuy', 'Your gift card code is 4829-1374-5521-9934. Enjoy!', { code: null }),
  sms(
    'en ✗ a used code, a time and a date',
    'Google',
    'Your verification code was used to sign in at 14:32 on 02/12/2026.',
    { code: null },
  ),
  sms('en ✗ referral code', 'Uber', 'Your referral code is JOHN2026 — share it and get $10!', { code: null }),
  sms('en ✗ digits in an email address', 'ACME', 'Use the code in the email we sent to j.smith482913@gmail.com', {
    code: null,
  }),
  sms('en ✗ code in a URL', 'ACME', 'Reset your password: https://accounts.example.com/reset?code=482913', {
    code: null,
  }),
  sms(
    'en ✗ PIN changed, phone number',
    'BANK',
    "Your PIN was changed on 2026-12-01. If you didn't do this, call 1 800 555 0199.",
    { code: null },
  ),
  sms('en ✗ ZIP code saved', 'DOORDASH', 'Your ZIP code 94043 has been saved.', { code: null }),
  sms('en ✗ one-time discount code', 'SHEIN', 'Your one-time discount code: 482913. Ends Sunday!', { code: null }),
  sms(
    'en ✗ expired code, site in text',
    'TikTok',
    'Your verification code has expired. Request a new one at tiktok.com.',
    {
      code: null,
      site: 'tiktok.com',
    },
  ),
  sms('en ✗ version number', 'APP', 'Version 4.8.2 of the app is out with faster code signing.', { code: null }),
  sms('en ✗ pull request number', 'GitHub', 'Code review requested on PR 4829 by octocat.', { code: null }),
  sms('en ✗ masked card', 'BANK', 'Card **** 4421: your statement of $1,204.50 is ready. Code of conduct applies.', {
    code: null,
  }),
  sms(
    'en ✗ account number after a code sentence break',
    'BANK',
    'We sent you a code. Your account 48291372 was credited with $20.',
    { code: null },
  ),
  sms(
    'en ✗ delivery window',
    'Walmart',
    'Walmart: Your order 2000148291372 arrives today between 2-4 PM. Verify the items at the door.',
    {
      code: null,
      site: 'walmart.com',
    },
  ),
];
