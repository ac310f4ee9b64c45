import { describe, expect, it } from 'vitest';
import { findExpiry } from './find-expiry.ts';
import { normalizeText } from './normalize-text.ts';

const minutes = (count: number) => count * 60_000;

describe('findExpiry', () => {
  it.each([
    ['valid for 5 minutes', minutes(5)],
    ['This code expires in 10 min.', minutes(10)],
    ['It will expire within 2 hours', minutes(120)],
    ['Valid for 90 seconds', 90_000],
    ['válido por 15 minutos', minutes(15)],
    ['expira em 3 minutos', minutes(3)],
    ['Il est valable 5 minutes', minutes(5)],
    ['Gültig für 10 Minuten', minutes(10)],
    ['Er läuft in 5 Minuten ab', minutes(5)],
    ['berlaku selama 5 menit', minutes(5)],
    ['co hieu luc trong 5 phut', minutes(5)],
    ['ใช้ได้ภายใน 5 นาที', minutes(5)],
    ['验证码5分钟内有效', minutes(5)],
    ['有效時間為 5 分鐘', minutes(5)],
    ['5分間有効です', minutes(5)],
    ['有効期限は10分です', minutes(10)],
    ['5분간 유효합니다', minutes(5)],
    ['Код действителен 10 минут', minutes(10)],
    ['5 dakika geçerlidir', minutes(5)],
    ['صالح لمدة 5 دقائق', minutes(5)],
    ['صالح لمدة ٥ دقائق', minutes(5)],
  ])('%s', (text, ms) => {
    expect(findExpiry(normalizeText(text).lower)).toBe(ms);
  });

  it.each([
    ['a duration without a validity word', 'Delivery takes 30 minutes'],
    ['a validity word in another sentence', 'Your code is valid. Delivery in 30 minutes.'],
    ['more than a day', 'valid for 48 hours'],
    ['zero', 'valid for 0 minutes'],
    ['part of a decimal', 'valid for 1.5 hours'],
    ['nothing at all', 'Your code is 482913'],
  ])('null for %s', (_name, text) => {
    expect(findExpiry(normalizeText(text).lower)).toBeNull();
  });
});
