import {
  HIDDEN_CHARACTER_MESSAGE,
  hiddenCharacterIn,
  RelayError,
  TOTP_ALGORITHMS,
  TOTP_LABEL_MAX,
  TOTP_SECRET_MAX_BYTES,
  TOTP_SECRET_MIN_BYTES,
  TotpDigitsSchema,
  TotpPeriodSchema,
} from '@otp-relay/shared';
import * as OTPAuth from 'otpauth';

/**
 * Reads an `otpauth://totp/…` key URI (Google's Key URI Format) with the `otpauth` library and holds it to what
 * the relay's devices support: SHA1/SHA256/SHA512, 6–8 digits, 30 or 60 s, an 80-bit key or longer. Every
 * refusal is a 400 naming `otpauthUri`, and none repeats the URI or its secret.
 */
export function totpFromUri(uri: string): OTPAuth.TOTP {
  const scheme = /^[a-z][a-z0-9+.-]*:(?:\/\/[a-z]*)?/i.exec(uri)?.[0].toLowerCase() ?? '';
  if (scheme === 'otpauth://hotp') {
    throw invalid('is an HOTP (counter-based) key; only TOTP keys (otpauth://totp/…) make a device');
  }
  if (scheme.startsWith('otpauth-migration:')) {
    throw invalid('is an authenticator export (otpauth-migration://); send each key as its own otpauth://totp/… URI');
  }
  if (scheme !== 'otpauth://totp') throw invalid('must be an otpauth://totp/… URI');

  let otp: OTPAuth.HOTP | OTPAuth.TOTP;
  try {
    otp = OTPAuth.URI.parse(uri);
  } catch (error) {
    // The library's words name the part at fault ("Invalid 'digits' parameter"); a bad %-escape is a URIError.
    const reason = error instanceof URIError && error.message !== 'Invalid URI format' ? 'a bad %-escape' : '';
    throw invalid(`is not a valid otpauth://totp/… URI (${reason || (error as Error).message})`);
  }
  if (!(otp instanceof OTPAuth.TOTP)) throw invalid('must be an otpauth://totp/… URI');

  if (!(TOTP_ALGORITHMS as readonly string[]).includes(otp.algorithm)) {
    throw invalid(`has algorithm ${otp.algorithm}: it must be SHA1, SHA256 or SHA512`);
  }
  if (!TotpDigitsSchema.safeParse(otp.digits).success) {
    throw invalid(`has digits=${otp.digits}: it must be 6, 7 or 8`);
  }
  if (!TotpPeriodSchema.safeParse(otp.period).success) {
    throw invalid(`has period=${otp.period}: it must be 30 or 60 (seconds)`);
  }
  const bytes = otp.secret.bytes.length;
  if (bytes < TOTP_SECRET_MIN_BYTES) throw invalid('has a secret shorter than 16 base32 characters (80 bits)');
  if (bytes > TOTP_SECRET_MAX_BYTES) throw invalid(`has a secret longer than ${TOTP_SECRET_MAX_BYTES} bytes`);
  if (otp.label.trim() === '' || otp.label.length > TOTP_LABEL_MAX || otp.issuer.length > TOTP_LABEL_MAX) {
    throw invalid(`must name an account of 1 to ${TOTP_LABEL_MAX} characters (and an issuer no longer)`);
  }
  if (hiddenCharacterIn(otp.label + otp.issuer) !== undefined) {
    throw invalid(`names an account or issuer that ${HIDDEN_CHARACTER_MESSAGE}`);
  }
  return otp;
}

function invalid(message: string): RelayError {
  return new RelayError('validation_failed', 'Invalid body: otpauthUri', {
    errors: [{ field: 'otpauthUri', message }],
  });
}
