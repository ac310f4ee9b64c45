import type { KeywordSet } from '../keywords.ts';

/** Vietnamese: the lists of keywords.ts (read the rules there) for pages in this language. */
export const KEYWORDS: Partial<KeywordSet> = {
  strong: ['mã (xác (minh|thực|nhận)|otp)|xác minh 2 bước'],
  weak: ['mã|xác minh'],
  // "mã giảm giá", "mã khuyến mãi": the discount words match on their own.
  denyHard: ['khuyến mãi|giảm giá|thẻ quà tặng|mã bưu (chính|điện)|tìm kiếm|ngày sinh|số thẻ'],
  denySoft: ['điện thoại|mật khẩu'], // "số điện thoại"
  submit: ['xác (minh|nhận)|tiếp tục|đăng nhập'],
  resend: ['gửi lại'],
};
