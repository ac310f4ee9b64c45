import { describe, expect, it } from 'vitest';
import { CreateVerificationRequestSchema } from './create-verification-request.ts';
import { isE164Phone, isEmailAddress } from './destination.ts';
import { maskDestination } from './mask-destination.ts';
import {
  destinationKey,
  hiddenCharacterIn,
  normalizeDestination,
  withoutHiddenCharacters,
} from './normalize-destination.ts';

describe('destinations', () => {
  it.each([
    ['+14155550123', true],
    ['+442071838750', true],
    ['+8613800138000', true],
    ['14155550123', false],
    ['+1 415 555 0123', false],
    ['+19995550123', false],
    ['+1415555012', false],
    ['+0123456789', false],
    ['', false],
  ])('phone %s → %s', (to, valid) => {
    expect(isE164Phone(to)).toBe(valid);
  });

  it.each([
    ['seller@example.com', true],
    ['first.last+tag@shop.example.co.uk', true],
    ['seller@', false],
    ['@example.com', false],
    ['seller example@example.com', false],
    [`${'a'.repeat(250)}@example.com`, false],
  ])('email %s → %s', (to, valid) => {
    expect(isEmailAddress(to)).toBe(valid);
  });

  it.each([
    ['+14155550123', '+14•••••••23'],
    ['seller@example.com', 's•••••@example.com'],
    ['ab@example.com', 'a••@example.com'],
    ['1234', '1234'],
  ])('masks %s as %s', (to, masked) => {
    expect(maskDestination(to)).toBe(masked);
  });

  it('checks the destination against the channel', () => {
    const base = { purpose: 'login', origin: 'https://shop.example' } as const;
    expect(CreateVerificationRequestSchema.safeParse({ ...base, channel: 'sms', to: '+14155550123' }).success).toBe(
      true,
    );
    expect(CreateVerificationRequestSchema.safeParse({ ...base, channel: 'email', to: '+14155550123' }).success).toBe(
      false,
    );
    expect(
      CreateVerificationRequestSchema.safeParse({ ...base, channel: 'sms', to: 'seller@example.com' }).success,
    ).toBe(false);
  });
});

describe('destination spellings (issue 13 item 8)', () => {
  it.each([
    ['Seller+a@Shop.Example', 'Seller+a@shop.example', 'seller@shop.example'],
    ['seller+b@shop.example', 'seller+b@shop.example', 'seller@shop.example'],
    ['SELLER@SHOP.EXAMPLE', 'SELLER@shop.example', 'seller@shop.example'],
    ['+tag@shop.example', '+tag@shop.example', '+tag@shop.example'],
    ['re\u0301sume\u0301@shop.example', 'r\u00e9sum\u00e9@shop.example', 'r\u00e9sum\u00e9@shop.example'],
    ['+14155550123', '+14155550123', '+14155550123'],
  ])('%s is shown as %s and limited as %s', (to, shown, key) => {
    expect(normalizeDestination(to)).toBe(shown);
    expect(destinationKey(to)).toBe(key);
  });

  it.each([
    ['seller\u202e@shop.example', 'U+202E'],
    ['\u2066seller@shop.example', 'U+2066'],
    ['sel\u200bler@shop.example', 'U+200B'],
    ['seller@shop\u2060.example', 'U+2060'],
    ['\ufeff+14155550123', 'U+FEFF'],
    ['seller\u200f@shop.example', 'U+200F'],
    ['\u200e+14155550123', 'U+200E'],
    ['\u061cseller@shop.example', 'U+061C'],
    ['seller\u200a@shop.example', undefined],
    ['seller@shop.example', undefined],
  ])('%j hides %s', (to, hidden) => {
    expect(hiddenCharacterIn(to)).toBe(hidden);
  });

  it('withoutHiddenCharacters drops every one of them and nothing else', () => {
    expect(withoutHiddenCharacters('\u2066Tik\u200bTok\u202e\u200f\u061c\ufeff\u2060 Shop\u200d')).toBe('TikTok Shop');
    expect(withoutHiddenCharacters('Lumen Goods · 配送')).toBe('Lumen Goods · 配送');
  });

  it('the create body refuses hidden characters in to, and stores the shown spelling', () => {
    const base = { channel: 'email', purpose: 'login', origin: 'https://shop.example' };
    const refused = CreateVerificationRequestSchema.safeParse({ ...base, to: 'seller\u202e@shop.example' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['to']);
    expect(isEmailAddress('seller\u200d@shop.example')).toBe(false);
    expect(CreateVerificationRequestSchema.parse({ ...base, to: 'Seller@Shop.Example' }).to).toBe(
      'Seller@shop.example',
    );
  });
});
