import type { KeywordSet } from '../keywords.ts';

/** Thai: the lists of keywords.ts (read the rules there) for pages in this language. */
export const KEYWORDS: Partial<KeywordSet> = {
  strong: ['รหัส((การ)?ยืนยัน| otp|(ผ่าน(แบบ)?(ใช้)?)?ครั้งเดียว)'],
  weak: ['รหัส|ยืนยัน'],
  // "โค้ดส่วนลด", "รหัสส่วนลด": ส่วนลด is the discount itself.
  denyHard: ['ส่วนลด|คูปอง|บัตรของขวัญ|รหัสไปรษณีย์|ค้นหา|วันเกิด|หมายเลขบัตร|โปรโมชั่?น'],
  denySoft: ['เบอร์โทร|โทรศัพท์|รหัสผ่าน'], // "หมายเลขโทรศัพท์"
  submit: ['ยืนยัน|ต่อไป|ดำเนินการต่อ|เข้าสู่ระบบ'],
  resend: ['ส่งอีกครั้ง|ส่งรหัสใหม่'],
};
