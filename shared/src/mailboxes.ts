import { z } from 'zod';
import { TimestampSchema } from './verification.ts';

/**
 * How a watched mailbox is (GET /api/v1/mailboxes, `otp-relay status`): `watched` (connected, IDLE for new
 * mail), `connecting` (first attempt), `reconnecting` (lost or never reached; retrying with backoff),
 * `auth failed` (the server refused the login; retrying, but the password or token needs fixing), `stopped`.
 */
export const MailboxStateSchema = z.enum(['connecting', 'watched', 'reconnecting', 'auth failed', 'stopped']);
export type MailboxState = z.infer<typeof MailboxStateSchema>;

export const MailboxStatusSchema = z.object({
  /** `user@host` */
  id: z.string(),
  state: MailboxStateSchema,
  /** Since when it is in that state. */
  since: TimestampSchema,
});
export type MailboxStatus = z.infer<typeof MailboxStatusSchema>;

export const MailboxStatusListSchema = z.object({ mailboxes: z.array(MailboxStatusSchema) });
export type MailboxStatusList = z.infer<typeof MailboxStatusListSchema>;
