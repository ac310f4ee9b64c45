import { describe, expect, it } from 'vitest';
import { CreateVerificationRequestSchema } from './create-verification-request.ts';
import { isE164Phone, isEmailAddress } from './destination.ts';
import { maskDestination } from './mask-destination.ts';

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
