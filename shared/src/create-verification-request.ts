import { z } from 'zod';
import { LIMITS } from './constants.ts';
import { isE164Phone, isEmailAddress } from './destination.ts';
import { HIDDEN_CHARACTER_MESSAGE, hiddenCharacterIn, normalizeDestination } from './normalize-destination.ts';
import { ChannelSchema, OriginSchema, PurposeSchema } from './verification.ts';

/*
 * The body of POST /api/v1/verifications, in a module of its own: checking a phone number against the real
 * numbering plans needs libphonenumber's metadata (about 190 kB), which only the relay ever runs. Kept apart
 * from the verification schemas, which the extension reads off the stream, so that weight never ships there.
 */
export const CreateVerificationRequestSchema = z
  .strictObject({
    to: z.string().min(1).max(320),
    channel: ChannelSchema,
    purpose: PurposeSchema,
    origin: OriginSchema,
    codeLength: z.int().min(LIMITS.codeLength.min).max(LIMITS.codeLength.max).optional(),
    ttlSeconds: z.int().min(LIMITS.ttlSeconds.min).max(LIMITS.ttlSeconds.max).optional(),
  })
  .superRefine((body, ctx) => {
    const hidden = hiddenCharacterIn(body.to);
    if (hidden !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `${HIDDEN_CHARACTER_MESSAGE} (found ${hidden})` });
      return;
    }
    if (body.channel === 'sms' && !isE164Phone(body.to)) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'must be a valid phone number in E.164 form, e.g. +14155550123',
      });
    }
    if (body.channel === 'email' && !isEmailAddress(body.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be a valid email address' });
    }
  })
  // Shown and stored in one spelling (NFC, email domain lowercased); the limits key on a stricter one.
  .transform((body) => ({ ...body, to: normalizeDestination(body.to) }));
export type CreateVerificationRequest = z.infer<typeof CreateVerificationRequestSchema>;
