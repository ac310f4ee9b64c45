import * as OTPAuth from 'otpauth';
import { ALGORITHMS, MAX_DIGITS, MIN_DIGITS, PERIODS, type TotpParams, TotpParamsSchema } from './totp-params.ts';

export type ParsedTotp = { ok: true; params: TotpParams } | { ok: false; message: string };

/**
 * An `otpauth://totp/Issuer:account?secret=…&issuer=…` URI (the Key Uri Format that setup QR codes hold),
 * read by the otpauth library; then checked against what we support, naming what is wrong.
 */
export function parseOtpauthUri(text: string): ParsedTotp {
  const uri = text.trim();
  if (!/^otpauth:\/\//i.test(uri)) return { ok: false, message: 'That is not an otpauth:// link.' };
  if (/^otpauth:\/\/hotp\//i.test(uri))
    return { ok: false, message: 'That link is for counter-based (HOTP) codes; only time-based codes are supported.' };
  // The library refuses an algorithm it does not know without naming it: name it first.
  const algorithm = /[?&]algorithm=([^&#]*)/i.exec(uri)?.[1];
  if (algorithm && !(ALGORITHMS as readonly string[]).includes(decodeURIComponent(algorithm).toUpperCase()))
    return {
      ok: false,
      message: `The algorithm ${decodeURIComponent(algorithm)} is not supported (SHA1, SHA256 or SHA512).`,
    };
  let otp: OTPAuth.HOTP | OTPAuth.TOTP;
  try {
    otp = OTPAuth.URI.parse(uri);
  } catch {
    return { ok: false, message: 'That otpauth:// link could not be read: check that it was copied whole.' };
  }
  if (!(otp instanceof OTPAuth.TOTP)) return { ok: false, message: 'Only time-based (TOTP) codes are supported.' };
  return checkTotp({
    secret: otp.secret.base32,
    issuer: otp.issuer,
    label: otp.label,
    algorithm: otp.algorithm,
    digits: otp.digits,
    period: otp.period,
  });
}

export interface TypedSecret {
  secret: string;
  issuer?: string;
  label?: string;
  algorithm?: string;
  digits?: number;
  period?: number;
}

/** A key typed by hand, as sites print it ("JBSW Y3DP EHPK 3PXP"): spaces, dashes and case do not matter. */
export function parseTypedSecret(typed: TypedSecret): ParsedTotp {
  const cleaned = typed.secret.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (cleaned === '') return { ok: false, message: 'Enter the key the site shows.' };
  if (!/^[A-Z2-7]+$/.test(cleaned))
    return { ok: false, message: 'The key has letters A–Z and digits 2–7 only: check for 0, 1, 8 or 9.' };
  let secret: string;
  try {
    // Through the library: it decides what a valid base32 key is (and gives it back in canonical form).
    secret = OTPAuth.Secret.fromBase32(cleaned).base32;
  } catch {
    return { ok: false, message: 'That key could not be read: check it against the site.' };
  }
  return checkTotp({
    secret,
    issuer: typed.issuer?.trim() ?? '',
    label: typed.label?.trim() ?? '',
    algorithm: typed.algorithm ?? 'SHA1',
    digits: typed.digits ?? 6,
    period: typed.period ?? 30,
  });
}

/** Checks settings from any source (a URI, a typed key, a Google Authenticator export). */
export function checkTotp(candidate: {
  secret: string;
  issuer: string;
  label: string;
  algorithm: string;
  digits: number;
  period: number;
}): ParsedTotp {
  const algorithm = candidate.algorithm.toUpperCase().replace('-', '');
  if (!(ALGORITHMS as readonly string[]).includes(algorithm))
    return { ok: false, message: `The algorithm ${candidate.algorithm} is not supported (SHA1, SHA256 or SHA512).` };
  if (!Number.isInteger(candidate.digits) || candidate.digits < MIN_DIGITS || candidate.digits > MAX_DIGITS)
    return { ok: false, message: `Codes of ${candidate.digits} digits are not supported (6 to 8).` };
  if (!(PERIODS as readonly number[]).includes(candidate.period))
    return { ok: false, message: `A new code every ${candidate.period} seconds is not supported (30 or 60).` };
  const secret = candidate.secret.replace(/=+$/, '');
  // RFC 4226 asks for at least 128 bits; 80 bits (16 base32 characters) is what real sites still hand out.
  if (secret.length < 16) return { ok: false, message: 'That key is too short to be a real authenticator key.' };
  const parsed = TotpParamsSchema.safeParse({ ...candidate, secret, algorithm });
  if (!parsed.success) return { ok: false, message: 'That key could not be read: check it against the site.' };
  return { ok: true, params: parsed.data };
}
