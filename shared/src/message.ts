import { z } from 'zod';
import { ChannelSchema, PurposeSchema, TimestampSchema, VerificationIdSchema } from './verification.ts';

export const FolderSchema = z.enum(['inbox', 'spam']);
export type Folder = z.infer<typeof FolderSchema>;

/** The simulated SMS or email that carries a code to the destination's inbox (inbox side: has the code). */
export const MessageSchema = z.object({
  id: z.string().regex(/^MS[0-9a-f]{32}$/),
  verificationId: VerificationIdSchema,
  channel: ChannelSchema,
  to: z.string(),
  purpose: PurposeSchema,
  origin: z.string(),
  code: z.string().regex(/^\d{4,10}$/),
  /** Email subject; absent for SMS. */
  subject: z.string().optional(),
  /** Full text. SMS ends with the origin-bound line `@host #code` (WebOTP / Safari format). */
  text: z.string(),
  folder: FolderSchema,
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
});
export type Message = z.infer<typeof MessageSchema>;

const optionalInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

/** Query of GET /api/v1/messages. `since` keeps messages created strictly after that instant. */
export const ListMessagesQuerySchema = z.strictObject({
  to: z.string().min(1).max(320).optional(),
  purpose: PurposeSchema.optional(),
  origin: z.string().max(2048).optional(),
  folder: FolderSchema.optional(),
  since: TimestampSchema.optional(),
  limit: optionalInt(1, 1000),
});
export type ListMessagesQuery = z.infer<typeof ListMessagesQuerySchema>;

/** Query of GET /api/v1/messages/latest: the newest live match, waiting up to `wait` seconds for one. */
export const LatestMessageQuerySchema = z.strictObject({
  to: z.string().min(1).max(320).optional(),
  purpose: PurposeSchema.optional(),
  origin: z.string().max(2048).optional(),
  folder: FolderSchema.optional(),
  since: TimestampSchema.optional(),
  wait: optionalInt(0, 60),
});
export type LatestMessageQuery = z.infer<typeof LatestMessageQuerySchema>;

export const MessageListSchema = z.object({ messages: z.array(MessageSchema) });
export type MessageList = z.infer<typeof MessageListSchema>;
