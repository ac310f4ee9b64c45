import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../cli-options.ts';
import { mergeTwilioOrigins, originFor, parseTwilioOrigins } from './twilio-origins.ts';

describe('Twilio origins', () => {
  it.each([
    [['http://localhost:3000'], { default: 'http://localhost:3000', byKey: {} }],
    [['Shop Login=http://localhost:3000'], { byKey: { 'Shop Login': 'http://localhost:3000' } }],
    [
      ['https://a.example', `VA${'0'.repeat(32)}=http://127.0.0.1:4000`],
      { default: 'https://a.example', byKey: { [`VA${'0'.repeat(32)}`]: 'http://127.0.0.1:4000' } },
    ],
  ])('parses %j', (values, expected) => {
    expect(parseTwilioOrigins(values)).toEqual(expected);
  });

  it.each([['localhost:3000'], ['http://localhost:3000/login'], ['App=ftp://x.example']])('refuses %s', (value) => {
    expect(() => parseTwilioOrigins([value])).toThrow(/--twilio-origin/);
  });

  it('looks a service up by SID, then FriendlyName, then the default; flags win over twilio.json', () => {
    const origins = mergeTwilioOrigins(
      { origin: 'http://file.example', origins: { Shop: 'http://shop-file.example', Pay: 'http://pay.example' } },
      { byKey: { Shop: 'http://shop.example' } },
    );
    expect(originFor(origins, 'VA1', 'Shop')).toBe('http://shop.example');
    expect(originFor(origins, 'VA1', 'Pay')).toBe('http://pay.example');
    expect(originFor(origins, 'VA1', 'Other')).toBe('http://file.example');
  });

  it('the CLI takes --twilio-account-sid/--twilio-auth-token/--twilio-origin and their environment twins', () => {
    const sid = `AC${'a'.repeat(32)}`;
    const fromFlags = parseCliOptions(['--twilio-account-sid', sid, '--twilio-origin', 'http://localhost:3000'], {});
    expect(fromFlags.options.twilio).toEqual({
      accountSid: sid,
      origins: { default: 'http://localhost:3000', byKey: {} },
    });
    const fromEnv = parseCliOptions([], {
      OTP_RELAY_TWILIO_ACCOUNT_SID: sid,
      OTP_RELAY_TWILIO_AUTH_TOKEN: 'a-long-enough-auth-token',
      OTP_RELAY_TWILIO_ORIGIN: 'http://localhost:3000,Pay=https://pay.example',
    });
    expect(fromEnv.options.twilio).toEqual({
      accountSid: sid,
      authToken: 'a-long-enough-auth-token',
      origins: { default: 'http://localhost:3000', byKey: { Pay: 'https://pay.example' } },
    });
    expect(() => parseCliOptions(['--twilio-origin', 'nope'], {})).toThrow(/twilio-origin/);
    expect(() => parseCliOptions(['--twilio-account-sid', 'AC123'], {})).toThrow(/twilio-account-sid/);
    expect(() => parseCliOptions(['--twilio-auth-token', 'short'], {})).toThrow(/twilio-auth-token/);
    expect(() => parseCliOptions(['--sns-access-key-id', 'AKIA0000'], {})).toThrow(/go together/);
  });
});
