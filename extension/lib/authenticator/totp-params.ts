import { z } from 'zod';

/**
 * What makes an authenticator's codes (RFC 6238): the shared key and the three settings sites may change. We
 * take what the issue lists, which is what shop platforms and authenticator apps use: SHA-1/256/512, 6 to 8
 * digits, a new code every 30 or 60 seconds. Anything else is refused when it is added, with the reason.
 */
export const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export const PERIODS = [30, 60] as const;
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 8;

export const TotpParamsSchema = z.strictObject({
  /** The key, base32 (RFC 4648) without padding, upper case. */
  secret: z.string().regex(/^[A-Z2-7]{16,}$/),
  /** Who issued it ("Lumen Goods"), '' when the URI named nobody. */
  issuer: z.string().max(200),
  /** The account at that issuer ("Seller Center", "seller@example.com"). */
  label: z.string().max(200),
  algorithm: z.enum(ALGORITHMS),
  digits: z.int().min(MIN_DIGITS).max(MAX_DIGITS),
  period: z.union([z.literal(30), z.literal(60)]),
});
export type TotpParams = z.infer<typeof TotpParamsSchema>;

/** One authenticator entry as kept (encrypted) in the vault. */
export const AuthenticatorEntrySchema = z.strictObject({
  ...TotpParamsSchema.shape,
  id: z.string().min(1),
  /** The registrable domain its codes may be filled on (https pages only), or null: copy only. */
  site: z.string().nullable(),
  /** Local wall time it was added. */
  addedAt: z.number(),
});
export type AuthenticatorEntry = z.infer<typeof AuthenticatorEntrySchema>;

/** "Lumen Goods (Seller Center)", "Seller Center", "Lumen Goods": how the popup names an entry. */
export function entryName(entry: Pick<TotpParams, 'issuer' | 'label'>): string {
  if (entry.issuer && entry.label && entry.issuer !== entry.label) return `${entry.issuer} (${entry.label})`;
  return entry.issuer || entry.label || 'Authenticator code';
}

/** Two entries with the same key make the same codes: an import does not add the second. */
export function sameKey(a: Pick<TotpParams, 'secret'>, b: Pick<TotpParams, 'secret'>): boolean {
  return a.secret === b.secret;
}
