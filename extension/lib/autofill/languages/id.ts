import type { KeywordSet } from '../keywords.ts';

/** Indonesian: the lists of keywords.ts (read the rules there) for pages in this language. */
export const KEYWORDS: Partial<KeywordSet> = {
  strong: ['kode (verifikasi|otp|konfirmasi|sekali pakai)|verifikasi 2 langkah'],
  weak: ['kode|verifikasi'],
  denyHard: ['kode (promo|pos)|kupon|diskon|kartu hadiah|cari|pencarian|tanggal lahir|nomor kartu'],
  denySoft: ['nomor (telepon|hp)|no hp|ponsel|sandi'], // "kata sandi"
  submit: ['verifikasi|konfirmasi|lanjut(kan)?|masuk'],
  resend: ['kirim ulang'],
};
