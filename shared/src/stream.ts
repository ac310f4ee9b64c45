import { z } from 'zod';
import { ProblemSchema } from './errors.ts';
import { MessageSchema } from './message.ts';
import { NONCE_PATTERN, PROOF_PATTERN } from './token-proof.ts';
import { TimestampSchema, VerificationIdSchema, VerificationSchema } from './verification.ts';

/*
 * The live stream, GET /api/v1/stream (WebSocket). Every frame the relay sends is one envelope
 * `{type, seq, epoch, now, data}`:
 * - `epoch` names this run of the relay; a new epoch means the relay restarted and all earlier state is gone.
 * - `seq` numbers the replayable events (message, verification, expired, reset, clock) one by one. The
 *   frames that are not events (hello, snapshot, pong, error) carry the latest seq so far, so a client
 *   can always store `seq` as its resume cursor.
 * - `now` is the relay's clock (a test clock may run ahead of the wall): clients count down against it.
 *
 * On connect the relay sends `hello`. A client that knows where it was sends `{type: "resume", epoch, since}`
 * and gets every live event after `since` exactly once; if the epoch differs or `since` is older than the
 * relay keeps, it gets a `snapshot` of everything live instead. Without a resume it gets events from now on.
 * (The relay holds live events back until the resume frame arrives, or 250 ms after hello, so a replay and
 * live events never interleave.) A `resume` without epoch gets a snapshot.
 *
 * A relay-issued message (`source: "relay"`) is live while its verification is `pending` and it is that
 * verification's newest message. It leaves when a `verification` event shows another status (approved,
 * canceled, expired, max_attempts_reached), or when a newer `message` arrives for the same verification
 * (resend: the old code is dead at once). Expiry also sends `expired` with the ids of the messages that left.
 * A message from elsewhere (any other source) lives until its own `expiresAt`, then leaves with an `expired`
 * event that names only `messageIds`.
 */

export const EPOCH_PATTERN = /^[0-9a-f]{16}$/;

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    type: z.literal(type),
    seq: z.int().nonnegative(),
    epoch: z.string().regex(EPOCH_PATTERN),
    now: TimestampSchema,
    data,
  });

export const HelloEventSchema = envelope(
  'hello',
  z.object({ relayVersion: z.string(), pingIntervalMs: z.int().positive() }),
);
/**
 * Everything live, in bounded pages (at most a few hundred KiB each, sent one after the other as the socket
 * drains): `part` 0 replaces what a client had, each later part adds to it, and `more` says another follows.
 * All pages carry the seq the snapshot was taken at; events since then follow the last page, then `resumed`.
 */
export const SnapshotEventSchema = envelope(
  'snapshot',
  z.object({
    messages: z.array(MessageSchema),
    verifications: z.array(VerificationSchema),
    part: z.int().nonnegative().optional(),
    more: z.boolean().optional(),
  }),
);
/** The resume is complete (replay or snapshot sent in full): from here on only live events. */
export const ResumedEventSchema = envelope('resumed', z.object({}));
export const MessageEventSchema = envelope('message', MessageSchema);
export const VerificationEventSchema = envelope('verification', VerificationSchema);
export const ExpiredEventSchema = envelope(
  'expired',
  // verificationId: when a relay-issued code expired; absent when messages from elsewhere reached their expiry.
  z.object({ verificationId: VerificationIdSchema.optional(), messageIds: z.array(z.string()) }),
);
export const ResetEventSchema = envelope('reset', z.object({}));
export const ClockEventSchema = envelope('clock', z.object({ now: TimestampSchema }));
export const PongEventSchema = envelope('pong', z.object({}));
export const ErrorEventSchema = envelope('error', ProblemSchema);

export const StreamEventSchema = z.discriminatedUnion('type', [
  HelloEventSchema,
  SnapshotEventSchema,
  MessageEventSchema,
  VerificationEventSchema,
  ExpiredEventSchema,
  ResetEventSchema,
  ClockEventSchema,
  PongEventSchema,
  ErrorEventSchema,
  ResumedEventSchema,
]);
export type StreamEvent = z.infer<typeof StreamEventSchema>;
export type StreamEventType = StreamEvent['type'];
export type StreamEventOf<T extends StreamEventType> = Extract<StreamEvent, { type: T }>;

/** Event types that take a seq of their own and are replayed on resume. */
export const REPLAYABLE_EVENT_TYPES = ['message', 'verification', 'expired', 'reset', 'clock'] as const;

/*
 * Before any of that, the proof of the token (docs/security.md): a client offering the subprotocol
 * `otp-relay.nonce.<nonceC>` first gets a `challenge` frame (not an envelope: nothing about the relay's state is
 * shown to a client that has not proved itself), checks its proof, and answers with `prove`; only then does
 * the relay send `hello`. A client never handles any other frame from a relay that has not proved itself.
 */
export const ChallengeFrameSchema = z.strictObject({
  type: z.literal('challenge'),
  /** The relay's nonce. */
  nonce: z.string().regex(NONCE_PATTERN),
  /** tokenProof(token, 'stream relay', nonceC, nonceR). */
  proof: z.string().regex(PROOF_PATTERN),
});
export type ChallengeFrame = z.infer<typeof ChallengeFrameSchema>;
/** tokenProof(token, 'stream client', nonceR, nonceC). */
export const ProveFrameSchema = z.strictObject({ type: z.literal('prove'), proof: z.string().regex(PROOF_PATTERN) });
export type ProveFrame = z.infer<typeof ProveFrameSchema>;

export const ResumeFrameSchema = z.strictObject({
  type: z.literal('resume'),
  epoch: z.string().regex(EPOCH_PATTERN).optional(),
  since: z.int().nonnegative().optional(),
});
export const PingFrameSchema = z.strictObject({ type: z.literal('ping') });
export const ClientFrameSchema = z.discriminatedUnion('type', [ResumeFrameSchema, PingFrameSchema]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;
