import { z } from 'zod';
import { HIDDEN_CHARACTER_MESSAGE, hiddenCharacterIn } from './normalize-destination.ts';

/*
 * Virtual TOTP devices (RFC 6238): an authenticator app a test drives over the API, as Mailosaur and MailSlurp
 * offer. The relay keeps the secret and answers with the code of the moment on its own clock; the secret is
 * taken once, on creation, and never shown again.
 */

export const TOTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export const TotpAlgorithmSchema = z.enum(TOTP_ALGORITHMS, { error: 'must be SHA1, SHA256 or SHA512' });
export type TotpAlgorithm = z.infer<typeof TotpAlgorithmSchema>;

export const TotpDigitsSchema = z
  .int({ error: 'must be a whole number of digits: 6, 7 or 8' })
  .min(6, 'must be 6, 7 or 8')
  .max(8, 'must be 6, 7 or 8');
export const TotpPeriodSchema = z.literal([30, 60], { error: 'must be 30 or 60 (seconds)' });

/** The defaults of RFC 6238 and of nearly every site: what an `otpauth://` URI without parameters means too. */
export const TOTP_DEFAULTS = { digits: 6, period: 30, algorithm: 'SHA1' } as const;

/**
 * 80 bits: the shortest key Google Authenticator takes (16 base32 characters); RFC 4226 asks 128 of issuers,
 * but older sites still hand out 80-bit keys and a tester must be able to add them.
 */
export const TOTP_SECRET_MIN_BYTES = 10;
/** HMAC hashes a longer key first; nothing real comes near this. */
export const TOTP_SECRET_MAX_BYTES = 256;

/** A base32 key as sites print it: spaces between groups, either case and `=` padding are accepted. */
export function normalizeBase32(secret: string): string {
  return secret.replace(/\s+/g, '').toUpperCase().replace(/=+$/, '');
}

/** Bytes a base32 string of `chars` characters decodes to (trailing bits are dropped, as apps do). */
export function base32Bytes(chars: number): number {
  return Math.floor((chars * 5) / 8);
}

export const TotpSecretSchema = z
  .string({ error: 'must be the base32 key (letters A–Z and digits 2–7)' })
  .max(1024, 'is too long for a TOTP key')
  .superRefine((value, ctx) => {
    const key = normalizeBase32(value);
    if (!/^[A-Z2-7]*$/.test(key)) {
      ctx.addIssue({ code: 'custom', message: 'must be base32: letters A–Z and digits 2–7 (spaces and = allowed)' });
    } else if (base32Bytes(key.length) < TOTP_SECRET_MIN_BYTES) {
      ctx.addIssue({ code: 'custom', message: 'must be at least 16 base32 characters (80 bits)' });
    } else if (base32Bytes(key.length) > TOTP_SECRET_MAX_BYTES) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${TOTP_SECRET_MAX_BYTES} bytes` });
    }
  });

export const TOTP_LABEL_MAX = 200;
export const TOTP_URI_MAX = 2048;

const SETTINGS = ['secret', 'digits', 'period', 'algorithm', 'label'] as const;

/**
 * `{otpauthUri}` (what the site's QR code holds) or `{secret, digits?, period?, algorithm?, label?}` (what a site
 * shows as "can't scan? enter this key"). The URI is read in full by the relay (relay/src/totp), which names
 * `otpauthUri` in its 400 when it is not a usable TOTP key URI.
 */
export const CreateTotpDeviceRequestSchema = z
  .strictObject({
    otpauthUri: z
      .string({ error: 'must be an otpauth://totp/… URI' })
      .min(1, 'must be an otpauth://totp/… URI')
      .max(TOTP_URI_MAX, `must be at most ${TOTP_URI_MAX} characters`)
      .optional(),
    secret: TotpSecretSchema.optional(),
    digits: TotpDigitsSchema.optional(),
    period: TotpPeriodSchema.optional(),
    algorithm: TotpAlgorithmSchema.optional(),
    label: z
      .string({ error: 'must be text: the account name the device shows' })
      .trim()
      .min(1, 'must not be empty')
      .max(TOTP_LABEL_MAX, `must be at most ${TOTP_LABEL_MAX} characters`)
      .refine((label) => hiddenCharacterIn(label) === undefined, HIDDEN_CHARACTER_MESSAGE)
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (body.otpauthUri === undefined && body.secret === undefined) {
      for (const field of ['otpauthUri', 'secret'] as const) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'send otpauthUri, or secret (with its settings)' });
      }
    }
    if (body.otpauthUri === undefined) return;
    for (const field of SETTINGS) {
      if (body[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'comes from otpauthUri: send one or the other' });
      }
    }
  });
export type CreateTotpDeviceRequest = z.infer<typeof CreateTotpDeviceRequestSchema>;

export const TotpDeviceIdSchema = z.string().regex(/^TD[0-9a-f]{32}$/, 'must be a TOTP device id');

/** A device as the API shows it: its settings, never its secret. */
export const TotpDeviceSchema = z.object({
  id: TotpDeviceIdSchema,
  /** The account name (an otpauth URI's label after `Issuer:`); "TOTP device" when none was given. */
  label: z.string(),
  /** The site that issued the key, from the URI; null for a typed secret. */
  issuer: z.string().nullable(),
  digits: z.int().min(6).max(8),
  period: TotpPeriodSchema,
  algorithm: TotpAlgorithmSchema,
});
export type TotpDevice = z.infer<typeof TotpDeviceSchema>;

export const TotpDeviceListSchema = z.object({ devices: z.array(TotpDeviceSchema) });
export type TotpDeviceList = z.infer<typeof TotpDeviceListSchema>;

/** The code an authenticator app holding the key shows now, on the relay's clock. */
export const TotpCodeSchema = z.object({
  code: z.string().regex(/^\d{6,8}$/),
  /** Whole seconds until the next code (rounded up: 1 in the last second, `period` right after a change). */
  remainingSeconds: z.int().min(1).max(60),
  period: TotpPeriodSchema,
});
export type TotpCode = z.infer<typeof TotpCodeSchema>;
