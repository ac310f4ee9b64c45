import { type CorpusCase, email, minutes } from './corpus-case.ts';

const page = (body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Verify</title><style>td{font-family:Arial}</style></head><body>${body}</body></html>`;
const preheader = (text: string) => `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${text}</div>`;

/** Emails as the platforms send them: HTML-only templates, subjects with the code, footers full of numbers. */
export const EMAILS: CorpusCase[] = [
  email(
    'email · TikTok, code in the subject too',
    'TikTok <no-reply@account.tiktok.com>',
    '482913 is your verification code',
    page(
      `${preheader('Your verification code 482913')}<table><tr><td><p>Verification code</p><p style="font-size:24px"><b>482913</b></p><p>To protect your account, do not share this code. The code expires in 5 minutes.</p></td></tr></table>`,
    ),
    { code: '482913', site: 'tiktok.com', binding: 'email-domain', ttlMs: minutes(5) },
    { authenticatedDomains: ['tiktok.com'] },
  ),
  email(
    'email · TikTok Shop seller from tiktokglobalshop.com (built-in rule)',
    'TikTok Shop <seller-notification@tiktokglobalshop.com>',
    'TikTok Shop Seller Center verification code',
    'Hello,\n\nYour verification code is:\n\n739201\n\nThis code will expire in 10 minutes. If you did not request it, ignore this email.',
    { code: '739201', site: 'tiktok.com', binding: 'sender-rule', ttlMs: minutes(10) },
    { authenticatedDomains: ['tiktokglobalshop.com'] },
  ),
  email(
    'email · Shopify login, HTML only',
    'Shopify <mailer@shopify.com>',
    'Your Shopify login code',
    page(
      '<h1>Log in to Shopify</h1><p>Enter this code to log in:</p><div class="code" style="letter-spacing:4px">482913</div><p>This code will expire in 20 minutes.</p><p>Shopify Inc., 151 O’Connor Street, Ottawa, ON K2P 2L8, Canada</p>',
    ),
    { code: '482913', site: 'shopify.com', binding: 'email-domain', ttlMs: minutes(20) },
  ),
  email(
    'email · digits spaced out in table cells',
    'Acme <security@acme.example.com>',
    'Your sign-in code',
    page(
      '<p>Use this code to finish signing in:</p><table><tr><td>4</td><td>8</td><td>2</td><td>9</td><td>1</td><td>3</td></tr></table><p>It expires in 15 minutes.</p>',
    ),
    { code: '482913', site: 'example.com', binding: 'email-domain', ttlMs: minutes(15) },
  ),
  email(
    'email · Google, G- code in the subject',
    'Google <noreply@google.com>',
    'G-482913 is your Google verification code',
    'Google\n\nVerify your email address\n\nEnter this code to finish: 482913\n\nYou received this email to let you know about important changes to your Google Account and services.\n© 2026 Google LLC, 1600 Amphitheatre Parkway, Mountain View, CA 94043, USA',
    { code: '482913', site: 'google.com', binding: 'email-domain' },
    { authenticatedDomains: ['google.com'] },
  ),
  email(
    'email · PayPal, security code',
    'PayPal <service@paypal.com>',
    'Your PayPal security code',
    page(
      '<p>Hi Alex,</p><p>Your security code is <strong>482913</strong>. It expires in 10 minutes.</p><p>PayPal will never ask you for this code.</p><p>Copyright © 1999-2026 PayPal. All rights reserved. PayPal Pte. Ltd. 5 Temasek Boulevard #09-01, Suntec Tower 5, Singapore 038985.</p>',
    ),
    { code: '482913', site: 'paypal.com', binding: 'email-domain', ttlMs: minutes(10) },
    { authenticatedDomains: ['paypal.com'] },
  ),
  email(
    'email · Amazon signed only by its ESP: From not authenticated',
    'Amazon <account-update@amazon.com>',
    'Amazon password assistance',
    'To verify your identity, please use the following code:\n\n482913\n\nAmazon takes your account security very seriously.',
    { code: '482913' },
    { authenticatedDomains: ['amazonses.com'] },
  ),
  email(
    'email · eBay',
    'eBay <ebay@ebay.com>',
    'Your eBay security code',
    'Hi there,\n\nYour eBay security code is 482913. Enter it to continue.\n\neBay Inc., 2025 Hamilton Avenue, San Jose, CA 95125',
    { code: '482913', site: 'ebay.com', binding: 'email-domain' },
    { authenticatedDomains: ['ebay.com'] },
  ),
  email(
    'email · Etsy, address in the footer',
    'Etsy <transaction@etsy.com>',
    'Your Etsy sign in code',
    page(
      '<p>Use this code to sign in to Etsy:</p><p style="font-size:32px">482913</p><p>This code expires in 10 minutes.</p><p>Etsy, Inc., 117 Adams Street, Brooklyn, NY 11201</p>',
    ),
    { code: '482913', site: 'etsy.com', binding: 'email-domain', ttlMs: minutes(10) },
  ),
  email(
    'email · Mercado Livre, Portuguese',
    'Mercado Livre <noreply@mercadolivre.com.br>',
    'Código de verificação',
    'Olá,\n\nUse o código abaixo para confirmar sua identidade:\n\n482913\n\nO código é válido por 15 minutos.',
    { code: '482913', site: 'mercadolivre.com.br', binding: 'email-domain', ttlMs: minutes(15) },
  ),
  email(
    'email · Shopee Indonesia',
    'Shopee <info@mail.shopee.co.id>',
    'Kode Verifikasi Shopee',
    page(
      '<p>Hai,</p><p>Kode verifikasi Anda:</p><h2>[ 482913 ]</h2><p>Kode berlaku selama 15 menit. JANGAN BERIKAN kode ini kepada siapa pun.</p>',
    ),
    { code: '482913', site: 'shopee.co.id', binding: 'email-domain', ttlMs: minutes(15) },
  ),
  email(
    'email · Lazada Thailand',
    'Lazada <noreply@lazada.co.th>',
    'รหัสยืนยันของคุณ',
    'รหัสยืนยันของคุณคือ 482913 รหัสนี้ใช้ได้ภายใน 10 นาที',
    { code: '482913', site: 'lazada.co.th', binding: 'email-domain', ttlMs: minutes(10) },
  ),
  email(
    'email · script and hidden elements carry other digits',
    'Acme <no-reply@acme.example.com>',
    'Confirm your email',
    page(
      '<script>var trackingId = 771203;</script><span hidden>999999</span><div aria-hidden="true" style="font-size:0">123123</div><p>Your confirmation code:</p><p>482913</p>',
    ),
    { code: '482913', site: 'example.com', binding: 'email-domain' },
  ),
  email(
    'email · Japanese, Rakuten',
    '楽天 <info@rakuten.co.jp>',
    '【楽天】確認コードのお知らせ',
    '確認コード：482913\n有効期限は30分です。',
    { code: '482913', site: 'rakuten.co.jp', binding: 'email-domain', ttlMs: minutes(30) },
  ),
  email(
    'email · letters and digits, Korean',
    '쿠팡 <no-reply@coupang.com>',
    '[쿠팡] 인증 코드',
    '인증 코드: K7P9Q2\n10분 이내에 입력해 주세요.',
    { code: 'K7P9Q2', site: 'coupang.com', binding: 'email-domain', ttlMs: minutes(10) },
  ),
  email(
    'email · seller rule for an outsourced sender',
    'Shop Support <codes@notify.mailvendor.example>',
    'Your login code',
    'Your login code is 482913.',
    { code: '482913', site: 'myshop.com', binding: 'sender-rule' },
    { senderRules: [{ channel: 'email', from: 'mailvendor.example', site: 'myshop.com' }] },
  ),

  // Look-alikes
  email(
    'email ✗ Amazon order confirmation',
    'Amazon.com <auto-confirm@amazon.com>',
    'Your Amazon.com order #112-4829137-5521934',
    page(
      '<p>Hello Alex,</p><p>Thank you for shopping with us. Your order #112-4829137-5521934 will arrive Thursday, December 4.</p><table><tr><td>Item subtotal</td><td>$48.29</td></tr><tr><td>Order total</td><td>$52.13</td></tr></table><p>Shipping to: 410 Terry Ave N, Seattle, WA 98109</p>',
    ),
    { code: null, site: 'amazon.com', binding: 'email-domain' },
  ),
  email(
    'email ✗ newsletter with a promo code',
    'Shopee <promo@mail.shopee.sg>',
    '12.12 Sale: extra 20% off with code SAVE2026',
    page(
      '<h1>12.12 Birthday Sale</h1><p>Use promo code <b>482913</b> for an extra 20% off. Valid until 12/12/2026 23:59.</p><p>Shopee Singapore Private Limited, 5 Science Park Drive, Singapore 118265</p>',
    ),
    { code: null, site: 'shopee.sg', binding: 'email-domain' },
  ),
  email(
    'email ✗ shipping notice with tracking number',
    'Etsy <transaction@etsy.com>',
    'Your Etsy order has shipped',
    'Good news! Order 3482913741 is on its way.\nTracking number: 9400111899223804829137\nEstimated delivery: Dec 6, 2026.',
    { code: null, site: 'etsy.com', binding: 'email-domain' },
  ),
  email(
    'email ✗ invoice with amounts and dates',
    'Shopify <billing@shopify.com>',
    'Your Shopify bill is ready (#482913724)',
    'Bill #482913724\nBilling period: Nov 1, 2026 – Nov 30, 2026\nTotal: USD 39.00\nCard ending in 4421 will be charged on Dec 2, 2026.',
    { code: null, site: 'shopify.com', binding: 'email-domain' },
  ),
  email(
    'email ✗ password changed, support phone',
    'PayPal <service@paypal.com>',
    'Your password was changed',
    'We noticed your password was changed on 01/12/2026 at 14:32. If this wasn’t you, call us at 1-888-221-1161.',
    { code: null, site: 'paypal.com', binding: 'email-domain' },
  ),
];
