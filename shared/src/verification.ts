import { z } from 'zod';
import { LIMITS } from './constants.ts';
import { HIDDEN_CHARACTER_MESSAGE, hiddenCharacterIn, normalizeDestination } from './normalize-destination.ts';

export const ChannelSchema = z.enum(['sms', 'email']);
export type Channel = z.infer<typeof ChannelSchema>;

export const PurposeSchema = z.enum(['signup', 'login', 'transaction', 'account_change']);
export type Purpose = z.infer<typeof PurposeSchema>;

export const PURPOSE_LABELS: Record<Purpose, string> = {
  signup: 'Account setup',
  login: 'Log in',
  transaction: 'Transaction',
  account_change: 'Account change',
};

export const VerificationStatusSchema = z.enum(['pending', 'approved', 'canceled', 'expired', 'max_attempts_reached']);
export type VerificationStatus = z.infer<typeof VerificationStatusSchema>;

/** Wire timestamps: ISO 8601 UTC with milliseconds, on the relay's own clock (which may be a test clock). */
export const TimestampSchema = z.iso.datetime({ offset: false, precision: 3 });

/** An exact web origin `scheme://host[:port]`, http(s) only, no path, no trailing slash. */
export const OriginSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'must be an exact origin like https://seller.example.com (scheme, host, optional port; no path)');

export const CodeSchema = z
  .string()
  .regex(/^\d+$/, 'must be digits only')
  .min(LIMITS.codeLength.min)
  .max(LIMITS.codeLength.max);

export const VerificationIdSchema = z.string().regex(/^VE[0-9a-f]{32}$/, 'must be a verification id');

/** A verification as the issuer sees it. Never carries the code. */
export const VerificationSchema = z.object({
  id: VerificationIdSchema,
  to: z.string(),
  channel: ChannelSchema,
  purpose: PurposeSchema,
  origin: z.string(),
  status: VerificationStatusSchema,
  codeLength: z.int(),
  attemptsRemaining: z.int().nonnegative(),
  /** How many codes were sent for it (1 + resends). */
  sendCount: z.int().positive(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /** When the current code dies. */
  expiresAt: TimestampSchema,
  /** The earliest moment a resend is accepted. */
  resendAvailableAt: TimestampSchema,
});
export type Verification = z.infer<typeof VerificationSchema>;

export const CheckRequestSchema = z.strictObject({ code: z.string().min(1).max(32) });
export type CheckRequest = z.infer<typeof CheckRequestSchema>;

export const CheckByDestinationRequestSchema = z.strictObject({
  to: z
    .string()
    .min(1)
    .max(320)
    .refine((to) => hiddenCharacterIn(to) === undefined, HIDDEN_CHARACTER_MESSAGE)
    .transform(normalizeDestination),
  purpose: PurposeSchema,
  code: z.string().min(1).max(32),
});
export type CheckByDestinationRequest = z.infer<typeof CheckByDestinationRequestSchema>;

/**
 * Outcome of a check. By id: the verification's real status and attempts left.
 * By destination: a failure is always `{valid: false, status: "pending"}` with no attempts count, so a wrong
 * code and an unknown destination cannot be told apart.
 */
export const CheckResultSchema = z.object({
  valid: z.boolean(),
  status: VerificationStatusSchema,
  attemptsRemaining: z.int().nonnegative().optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;
