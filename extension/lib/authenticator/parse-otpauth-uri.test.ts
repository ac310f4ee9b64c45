import { describe, expect, it } from 'vitest';
import { parseOtpauthUri, parseTypedSecret } from './parse-otpauth-uri.ts';

const KEY = 'JBSWY3DPEHPK3PXP';

describe('parseOtpauthUri', () => {
  it('reads issuer, account and settings from a setup QR code’s URI', () => {
    expect(
      parseOtpauthUri(
        `otpauth://totp/Lumen%20Goods:Seller%20Center?secret=${KEY}&issuer=Lumen%20Goods&algorithm=SHA256&digits=8&period=60`,
      ),
    ).toEqual({
      ok: true,
      params: {
        secret: KEY,
        issuer: 'Lumen Goods',
        label: 'Seller Center',
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
      },
    });
  });

  it('defaults to SHA1, 6 digits, 30 s', () => {
    const parsed = parseOtpauthUri(`otpauth://totp/seller@example.com?secret=${KEY.toLowerCase()}`);
    expect(parsed).toMatchObject({ ok: true, params: { secret: KEY, algorithm: 'SHA1', digits: 6, period: 30 } });
  });

  it.each([
    ['not a link', 'hello', /not an otpauth/],
    ['a counter-based link', `otpauth://hotp/x?secret=${KEY}&counter=1`, /HOTP/],
    ['no secret', 'otpauth://totp/x?issuer=Shop', /could not be read/],
    ['MD5', `otpauth://totp/x?secret=${KEY}&algorithm=MD5`, /MD5 is not supported/],
    ['5 digits', `otpauth://totp/x?secret=${KEY}&digits=5`, /5 digits are not supported/],
    ['9 digits', `otpauth://totp/x?secret=${KEY}&digits=9`, /9 digits are not supported/],
    ['a 45 s period', `otpauth://totp/x?secret=${KEY}&period=45`, /every 45 seconds is not supported/],
    ['a short key', 'otpauth://totp/x?secret=JBSWY3DP', /too short/],
  ])('refuses %s, saying why', (_name, uri, message) => {
    const parsed = parseOtpauthUri(uri);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});

describe('parseTypedSecret', () => {
  it('takes the key as sites print it: groups, lower case, padding', () => {
    expect(parseTypedSecret({ secret: ' jbsw y3dp-ehpk 3pxp== ', issuer: ' Shop ' })).toEqual({
      ok: true,
      params: { secret: KEY, issuer: 'Shop', label: '', algorithm: 'SHA1', digits: 6, period: 30 },
    });
  });

  it.each([
    ['nothing', '', /Enter the key/],
    ['a digit base32 lacks', 'JBSWY3DPEHPK3PX0', /0, 1, 8 or 9/],
  ])('refuses %s', (_name, secret, message) => {
    const parsed = parseTypedSecret({ secret });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
