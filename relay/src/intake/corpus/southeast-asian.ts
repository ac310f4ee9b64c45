import { type CorpusCase, minutes, sms } from './corpus-case.ts';

/** Indonesian, Vietnamese and Thai SMS: TikTok Shop's and Shopee's largest markets. */
export const SOUTHEAST_ASIAN: CorpusCase[] = [
  // Indonesian
  sms(
    'id · Tokopedia kode rahasia',
    'Tokopedia',
    'Tokopedia - JANGAN MEMBERITAHU KODE RAHASIA INI KE SIAPAPUN termasuk pihak Tokopedia. WASPADA PENIPUAN! KODE RAHASIA untuk masuk: 482913',
    { code: '482913', site: 'tokopedia.com' },
  ),
  sms(
    'id · Shopee kode verifikasi',
    'Shopee',
    '[Shopee] Kode Verifikasi: 482913. JANGAN BERIKAN kode ini kepada siapa pun TERMASUK PIHAK SHOPEE. WASPADA PENIPUAN!',
    { code: '482913', site: 'shopee.com' },
  ),
  sms(
    'id · Gojek with retriever hash',
    'GOJEK',
    '<#> Kode verifikasi GOJEK: 4829. JANGAN KASIH kode ini ke siapa pun, TERMASUK PIHAK GOJEK. Waspada penipuan! yJxK3qz9Abc',
    { code: '4829' },
  ),
  sms(
    'id · TikTok',
    'TikTok',
    '[TikTok] 482913 adalah kode verifikasi Anda, berlaku selama 5 menit. Untuk menjaga keamanan akun Anda, jangan teruskan kode ini.',
    { code: '482913', site: 'tiktok.com', ttlMs: minutes(5) },
  ),
  sms(
    'id · Lazada OTP',
    'Lazada',
    '[Lazada] Kode OTP Anda adalah 482913. Berlaku 5 menit. Jangan bagikan kode ini kepada siapa pun.',
    { code: '482913', site: 'lazada.com', ttlMs: minutes(5) },
  ),
  sms('id · BCA', 'BCA', 'KODE OTP BCA: 482913. RAHASIA, JANGAN BERIKAN KE SIAPAPUN. Berlaku 3 menit.', {
    code: '482913',
    ttlMs: minutes(3),
  }),
  sms('id ✗ pesanan dan resi', 'Shopee', 'Pesanan 2201234567890 telah dikirim. No. resi JP4829137452.', {
    code: null,
    site: 'shopee.com',
  }),
  sms('id ✗ pembayaran', 'DANA', 'Pembayaran Rp 150.000 berhasil ke Toko Maju.', { code: null }),
  sms('id ✗ kode promo', 'Tokopedia', 'Gunakan kode promo HEMAT50 untuk diskon 50%!', {
    code: null,
    site: 'tokopedia.com',
  }),
  sms('id ✗ kode pos', 'JNE', 'Kode pos 12950 sudah tersimpan di alamat Anda.', { code: null }),
  sms('id ✗ transfer', 'BCA', 'Transfer Rp482913 ke rekening 1234567890 berhasil.', { code: null }),

  // Vietnamese
  sms(
    'vi · no diacritics, as carriers send it',
    'Zalo',
    'Ma xac thuc cua ban la 482913. Ma co hieu luc trong 5 phut. Khong chia se ma nay voi bat ky ai.',
    { code: '482913', ttlMs: minutes(5) },
  ),
  sms(
    'vi · Shopee',
    'Shopee',
    '[Shopee] Ma xac minh cua ban la 482913. Co hieu luc trong 15 phut. KHONG chia se ma nay voi bat ky ai.',
    { code: '482913', site: 'shopee.com', ttlMs: minutes(15) },
  ),
  sms(
    'vi · TikTok',
    'TikTok',
    '[TikTok] 482913 là mã xác minh của bạn, có hiệu lực trong 5 phút. Để bảo vệ tài khoản, đừng chuyển tiếp mã này.',
    { code: '482913', site: 'tiktok.com', ttlMs: minutes(5) },
  ),
  sms('vi · Lazada', 'Lazada', 'Mã OTP Lazada của bạn là 482913. Mã có hiệu lực trong 5 phút.', {
    code: '482913',
    site: 'lazada.com',
    ttlMs: minutes(5),
  }),
  sms(
    'vi · Vietcombank',
    'Vietcombank',
    'Vietcombank: Ma OTP cua Quy khach la 48291365, hieu luc 2 phut. Tuyet doi KHONG cung cap OTP cho bat ky ai.',
    { code: '48291365', ttlMs: minutes(2) },
  ),
  sms('vi · Zalo kich hoat', 'Zalo', 'Ma kich hoat Zalo cua ban la 4829', { code: '4829' }),
  sms('vi ✗ đơn hàng', 'Shopee', 'Don hang 2301234567 da duoc giao thanh cong.', { code: null, site: 'shopee.com' }),
  sms('vi ✗ thanh toán', 'MoMo', 'Ban da thanh toan 150.000d cho don hang #48291372', { code: null }),
  sms('vi ✗ mã giảm giá', 'Shopee', 'Nhap ma giam gia SALE50 de duoc giam 50% hom nay!', {
    code: null,
    site: 'shopee.com',
  }),
  sms('vi ✗ mã đơn hàng', 'Lazada', 'Mã đơn hàng của bạn là 230112ABCD, đã được xác nhận.', {
    code: null,
    site: 'lazada.com',
  }),
  sms('vi ✗ tổng đài', 'Viettel', 'Moi thac mac lien he tong dai 1800 8098 de duoc ho tro.', { code: null }),

  // Thai
  sms('th · OTP with Ref', 'KBank', 'รหัส OTP ของคุณคือ 482913 (Ref: KXAB) ใช้ได้ภายใน 5 นาที', {
    code: '482913',
    ttlMs: minutes(5),
  }),
  sms('th · Shopee', 'Shopee', '[Shopee] รหัสยืนยันของคุณคือ 482913 ใช้ได้ภายใน 15 นาที ห้ามบอกรหัสนี้กับผู้อื่น', {
    code: '482913',
    site: 'shopee.com',
    ttlMs: minutes(15),
  }),
  sms('th · TikTok', 'TikTok', '[TikTok] 482913 คือรหัสยืนยันของคุณ ใช้ได้ภายใน 5 นาที เพื่อความปลอดภัยของบัญชี โปรดอย่าส่งต่อรหัสนี้', {
    code: '482913',
    site: 'tiktok.com',
    ttlMs: minutes(5),
  }),
  sms('th · OTP= with alphanumeric Ref', 'SCB', 'OTP=482913 (Ref=AB12) สำหรับทำรายการ ภายใน 5 นาที', {
    code: '482913',
    ttlMs: minutes(5),
  }),
  sms('th · Lazada', 'Lazada', 'รหัส OTP ของคุณสำหรับ Lazada คือ 482913 รหัสมีอายุ 5 นาที', {
    code: '482913',
    site: 'lazada.com',
    ttlMs: minutes(5),
  }),
  sms('th · reference code beside the OTP', 'Krungthai', 'รหัส OTP คือ 482913 (รหัสอ้างอิง: 7781) ใช้ภายใน 3 นาที', {
    code: '482913',
    ttlMs: minutes(3),
  }),
  sms('th ✗ คำสั่งซื้อ', 'Shopee', 'คำสั่งซื้อ 230112482913 ของคุณถูกจัดส่งแล้ว', { code: null, site: 'shopee.com' }),
  sms('th ✗ ชำระเงิน', 'KBank', 'ชำระเงิน 1,500 บาท สำเร็จ', { code: null }),
  sms('th ✗ โค้ดส่วนลด', 'Lazada', 'ใช้โค้ด SAVE50 รับส่วนลด 50% วันนี้เท่านั้น', { code: null, site: 'lazada.com' }),
  sms('th ✗ รหัสไปรษณีย์', 'Kerry', 'รหัสไปรษณีย์ 10110 ของคุณได้รับการบันทึกแล้ว', { code: null }),
  sms('th ✗ เบอร์โทร', 'KBank', 'หากมีข้อสงสัยเรื่องรหัส โปรดโทร 02-482-9137', { code: null }),
];
