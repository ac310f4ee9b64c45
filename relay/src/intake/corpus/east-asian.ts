import { type CorpusCase, minutes, sms } from './corpus-case.ts';

/** Chinese (simplified and traditional), Japanese and Korean SMS. */
export const EAST_ASIAN: CorpusCase[] = [
  // Chinese
  sms('zh · TikTok traditional', 'TikTok', '[TikTok] 482913 是你的驗證碼，有效時間為 5 分鐘。請勿轉發此驗證碼。', {
    code: '482913',
    site: 'tiktok.com',
    ttlMs: minutes(5),
  }),
  sms('zh · Taobao', '106575', '【淘宝】您的验证码为482913，该验证码5分钟内有效，请勿泄露于他人！', {
    code: '482913',
    ttlMs: minutes(5),
  }),
  sms('zh · JD', '106902', '【京东】验证码：482913，您正在登录，若非本人操作，请勿泄露。', { code: '482913' }),
  sms(
    'zh · WeChat code in parentheses',
    '106911',
    '【腾讯科技】482913（微信验证码）。转发可能导致帐号被盗，请勿将验证码告知他人。',
    {
      code: '482913',
    },
  ),
  sms('zh · Alipay 校验码', '95188', '【支付宝】校验码482913，您正在进行支付宝登录，请勿告诉任何人。', {
    code: '482913',
  }),
  sms('zh · Shopee Taiwan', 'Shopee', '[蝦皮購物] 您的驗證碼為482913，有效時間15分鐘，請勿將驗證碼提供給他人。', {
    code: '482913',
    site: 'shopee.com',
    ttlMs: minutes(15),
  }),
  sms('zh · 动态密码', '95555', '【招商银行】您的动态密码为48291365，10分钟内有效，切勿泄露。', {
    code: '48291365',
    ttlMs: minutes(10),
  }),
  sms('zh ✗ 订单出库', '106902', '【京东】您的订单482913724已出库，快递单号JDV001234567890', { code: null }),
  sms('zh ✗ 银行卡消费', '95588', '您尾号4421的储蓄卡12月01日14:32消费支出人民币1,482.91元，余额4,829.13元。', {
    code: null,
  }),
  sms('zh ✗ 优惠券', '106575', '【淘宝】优惠券码：SAVE50，满200减50，今晚截止！', { code: null }),
  sms('zh ✗ 邮编', 'SF', '【顺丰】收件地址邮编：100080，已更新。', { code: null }),
  sms('zh ✗ 金额', '95188', '【支付宝】您已成功付款4829元。', { code: null }),

  // Japanese
  sms('ja · TikTok', 'TikTok', 'TikTokの認証コードは482913です。5分間有効です。', {
    code: '482913',
    site: 'tiktok.com',
    ttlMs: minutes(5),
  }),
  sms(
    'ja · Amazon one-time password',
    'Amazon',
    '482913 はあなたのAmazonワンタイムパスワードです。誰とも共有しないでください。',
    { code: '482913', site: 'amazon.com' },
  ),
  sms('ja · LINE', 'LINE', 'LINEの認証番号: 4829\nこの番号は他の人に教えないでください。', { code: '4829' }),
  sms('ja · Rakuten with expiry in parentheses', 'Rakuten', '【楽天】確認コード：482913（有効期限：10分）', {
    code: '482913',
    ttlMs: minutes(10),
  }),
  sms('ja · Mercari', 'Mercari', 'メルカリの認証番号は482913です。有効期限は10分です。', {
    code: '482913',
    ttlMs: minutes(10),
  }),
  sms('ja · full-width digits', 'Yahoo', '【ヤフー】確認コード：４８２９１３', { code: '482913' }),
  sms('ja ✗ 注文番号', 'Amazon', 'ご注文番号：250-4829137-5521934 の商品を発送しました。', {
    code: null,
    site: 'amazon.com',
  }),
  sms('ja ✗ お支払い金額', 'Rakuten', 'お支払い金額：1,480円（税込）', { code: null }),
  sms('ja ✗ クーポンコード', 'Rakuten', 'クーポンコード SAVE20 で20%割引！', { code: null }),
  sms('ja ✗ 郵便番号と住所', 'Yamato', '〒150-0002 東京都渋谷区渋谷2-21-1 にお届けしました。', { code: null }),
  sms('ja ✗ お届け予定', 'Yamato', 'お届け予定日：12月3日 14時〜16時', { code: null }),

  // Korean
  sms('ko · TikTok bracketed', 'TikTok', '[Web발신]\n[TikTok] 인증번호 [482913]을 입력해주세요. 5분간 유효합니다.', {
    code: '482913',
    site: 'tiktok.com',
    ttlMs: minutes(5),
  }),
  sms('ko · Coupang', '1577-7011', '[쿠팡] 인증번호 482913 를 입력해주세요.', { code: '482913' }),
  sms('ko · Naver', '1588-3820', '[Web발신]\n[네이버] 인증번호[482913]를 입력해 주세요.', { code: '482913' }),
  sms('ko · Kakao 4 digits', '1577-3754', '[카카오] 인증번호 [4829]\n타인에게 절대 알려주지 마세요.', { code: '4829' }),
  sms('ko · bank with 이내', '1588-9999', '[국민은행] 인증번호 482913 (3분 이내 입력)', {
    code: '482913',
    ttlMs: minutes(3),
  }),
  sms('ko ✗ 주문번호', '1577-7011', '[쿠팡] 주문번호 2100012345678 상품이 발송되었습니다.', { code: null }),
  sms('ko ✗ 카드 승인', '15447200', '[Web발신] 신한카드(4421) 승인 홍*동 48,290원 12/01 14:32 쿠팡', { code: null }),
  sms('ko ✗ 쿠폰번호', '1577-7011', '[쿠팡] 쿠폰번호: SAVE2026 할인 20%', { code: null }),
  sms('ko ✗ 우편번호', '1588-1255', '우편번호 06236 으로 배송지가 변경되었습니다.', { code: null }),
];
