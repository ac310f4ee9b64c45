import { describe, expect, it } from 'vitest';
import { ENGLISH, ENGLISH_BUTTONS, type KeywordSet } from './keywords.ts';
import { LANGUAGE_KEYWORDS, LANGUAGES } from './language-keywords.ts';
import { matchKeywords, normalizeText } from './match-keywords.ts';

/** Every language's list of one kind together: what a page in all our languages at once would read. */
const english = { ...ENGLISH, ...ENGLISH_BUTTONS };
const all = (key: keyof KeywordSet) => [...english[key], ...LANGUAGES.flatMap((l) => LANGUAGE_KEYWORDS[l][key] ?? [])];
const LISTS = {
  OTP_STRONG: all('strong'),
  OTP_WEAK: all('weak'),
  DENY_HARD: all('denyHard'),
  DENY_SOFT: all('denySoft'),
};

describe('normalizeText', () => {
  it.each([
    ['verificationCode', 'verification code'],
    ['verification_code', 'verification code'],
    ['One-Time-Code', 'one time code'],
    ['  Mã   Xác Minh ', 'mã xác minh'],
    ['idTxtBx_SAOTCC_OTC', 'id txt bx saotcc otc'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('matchKeywords', () => {
  it.each<[string, keyof typeof LISTS, boolean]>([
    ['Enter OTP', 'OTP_STRONG', true],
    ['otp1', 'OTP_STRONG', true], // first split box named otp1
    ['hotpot', 'OTP_STRONG', false],
    ['otpInput', 'OTP_STRONG', true],
    ['otpinput', 'OTP_STRONG', true], // prefix entry
    ['captchacharacters', 'DENY_HARD', true],
    ['promocode', 'DENY_HARD', true],
    ['请输入短信验证码', 'OTP_STRONG', true],
    ['Código de verificación', 'OTP_STRONG', true],
    ['Código de verificação', 'OTP_STRONG', true],
    ['Masukkan kode verifikasi', 'OTP_STRONG', true],
    ['Nhập mã xác minh', 'OTP_STRONG', true],
    ['กรอกรหัสยืนยัน', 'OTP_STRONG', true],
    ['shipping address', 'OTP_WEAK', false], // "pin" inside "shipping"
    ['Enter PIN', 'OTP_WEAK', true],
    ['zipcode', 'DENY_HARD', true],
    ['unzip', 'DENY_HARD', false],
    ['Discount code or gift card', 'DENY_HARD', true],
    ['请输入图形验证码', 'DENY_HARD', true],
    ['cupón de descuento', 'DENY_HARD', true],
    ['Kode Voucher', 'DENY_HARD', true],
    ['Mã giảm giá', 'DENY_HARD', true],
    ['โค้ดส่วนลด', 'DENY_HARD', true],
    ['Phone number', 'DENY_SOFT', true],
    ['手机号码', 'DENY_SOFT', true],
    ['Nomor HP', 'DENY_SOFT', true],
    ['Số điện thoại', 'DENY_SOFT', true],
    ['เบอร์โทรศัพท์', 'DENY_SOFT', true],
    ['telegram', 'DENY_SOFT', false],
  ])('%s in %s → %s', (text, list, expected) => {
    expect(matchKeywords(normalizeText(text), LISTS[list])).toBe(expected);
  });
});

describe('one keyword entry', () => {
  // A list of its own per case: each compiles its regex in the test that reads it.
  it.each<[string, string, boolean]>([
    ['验证码', '请输入短信验证码', true], // Chinese has no spaces between words: matched inside the sentence
    ['รหัสยืนยัน', 'กรอกรหัสยืนยัน', true], // Thai neither
    ['pin', 'shipping', false], // Latin words only whole
    ['pin', 'enter pin', true],
  ])('%s in %s → %s', (entry, text, expected) => {
    expect(matchKeywords(normalizeText(text), [entry])).toBe(expected);
  });
});
