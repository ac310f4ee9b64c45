import * as OTPAuth from 'otpauth';
import type { AuthenticatorCode } from './authenticator-code.ts';
import type { AuthenticatorEntry, TotpParams } from './totp-params.ts';

export type { AuthenticatorCode } from './authenticator-code.ts';

/** The code for `params` at `timestamp` (ms), made by the otpauth library (RFC 6238). */
export function totpAt(params: TotpParams, timestamp: number): string {
  return OTPAuth.TOTP.generate({
    secret: OTPAuth.Secret.fromBase32(params.secret),
    algorithm: params.algorithm,
    digits: params.digits,
    period: params.period,
    timestamp,
  });
}

/** The entry's code now, with the period it belongs to. */
export function currentCode(entry: AuthenticatorEntry, name: string, now: number): AuthenticatorCode {
  const periodMs = entry.period * 1000;
  const createdAt = Math.floor(now / periodMs) * periodMs;
  return {
    kind: 'authenticator',
    entryId: entry.id,
    code: totpAt(entry, now),
    site: entry.site,
    name,
    createdAt,
    expiresAt: createdAt + periodMs,
  };
}
