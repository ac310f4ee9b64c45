import { describe, expect, it } from 'vitest';
import { composeMessage, describeDuration } from './compose-message.ts';

describe('composeMessage', () => {
  it('writes an SMS that warns and ends with the WebOTP line for the origin host', () => {
    const { text, subject } = composeMessage({
      channel: 'sms',
      purpose: 'login',
      origin: 'https://seller.shop.example:8443',
      code: '123456',
      ttlSeconds: 600,
    });
    expect(subject).toBeUndefined();
    expect(text).toBe(
      'Your seller.shop.example verification code is 123456. It expires in 10 minutes. ' +
        'Never share this code with anyone.\n\n@seller.shop.example #123456',
    );
  });

  it('writes an email with a subject and the code on its own line', () => {
    const { text, subject } = composeMessage({
      channel: 'email',
      purpose: 'transaction',
      origin: 'http://127.0.0.1:8787',
      code: '0042',
      ttlSeconds: 45,
    });
    expect(subject).toBe('Your 127.0.0.1 verification code');
    expect(text).toContain('\n    0042\n');
    expect(text).toContain('confirm your transaction on 127.0.0.1');
    expect(text).toContain('It expires in 45 seconds.');
  });

  it.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [90, '90 seconds'],
    [600, '10 minutes'],
    [3600, '1 hour'],
    [5400, '90 minutes'],
    [86_400, '24 hours'],
  ])('describes %i s as "%s"', (seconds, text) => {
    expect(describeDuration(seconds)).toBe(text);
  });
});
