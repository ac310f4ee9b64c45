import * as OTPAuth from 'otpauth';
import type { AuthenticatorEntry, TotpParams } from './totp-params.ts';

/**
 * An authenticator code as the fill path and the popup see it: like a code from the relay, it has digits, a
 * site it may go to and a lifetime, here one period of the entry on the local clock (the seller's sites judge
 * it by real time, as they judge a phone's authenticator app).
 */
export interface AuthenticatorCode {
  kind: 'authenticator';
  entryId: string;
  code: string;
  /** The registrable domain it may be filled on, or null (copy only). */
  site: string | null;
  /** How the popup names the entry. */
  name: string;
  /** Local wall time the code's period began and ends (ms). */
  createdAt: number;
  expiresAt: number;
}

export function isAuthenticatorCode(code: object): code is AuthenticatorCode {
  return (code as { kind?: unknown }).kind === 'authenticator';
}

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
