import { z } from 'zod';
import { HIDDEN_CHARACTER_MESSAGE, hiddenCharacterIn } from './normalize-destination.ts';
import { ChannelSchema, PurposeSchema, TimestampSchema, VerificationIdSchema } from './verification.ts';

export const FolderSchema = z.enum(['inbox', 'spam']);
export type Folder = z.infer<typeof FolderSchema>;

/**
 * Where a message came from: `relay` for codes this relay issued, `inbound` for POST /api/v1/inbound; the
 * others name the ways in that later issues add (phone forwarders, SMTP, IMAP, Twilio- and SNS-compatible APIs).
 */
export const MessageSourceSchema = z.enum(['relay', 'inbound', 'phone', 'smtp', 'imap', 'twilio', 'sns']);
export type MessageSource = z.infer<typeof MessageSourceSchema>;

/**
 * How the message's `site` was decided: `issuer` (the relay issued it for an exact origin), `origin-bound-line`
 * (a last line `@host #code`), `email-domain` (the From address's registrable domain), `sender-rule` (a rule
 * mapping the SMS sender ID or email domain to a site), `none` (nothing trustworthy: `site` is null).
 */
export const BindingSchema = z.enum(['issuer', 'origin-bound-line', 'email-domain', 'sender-rule', 'none']);
export type Binding = z.infer<typeof BindingSchema>;

export const MessageIdSchema = z.string().regex(/^MS[0-9a-f]{32}$/, 'must be a message id');

/** A relay-issued code is digits; a code found in a message from elsewhere may mix letters and digits. */
const RELAY_CODE = /^\d{4,10}$/;
export const FoundCodeSchema = z.string().regex(/^[A-Za-z0-9]{4,10}$/);

/**
 * A message in the inbox, whatever its source (inbox side: it carries the code). Relay-issued messages
 * (`source: "relay"`) also name their verification, purpose and exact origin, and are bound to that origin
 * (`binding: "issuer"`); messages from elsewhere carry the code the relay found in them, or null.
 */
export const MessageSchema = z
  .object({
    id: MessageIdSchema,
    source: MessageSourceSchema,
    channel: ChannelSchema,
    /** SMS sender ID or number, or the email From address. */
    from: z.string(),
    /** The destination, when known (always for relay-issued messages). */
    to: z.string().optional(),
    /** Email subject; absent for SMS. */
    subject: z.string().optional(),
    /** The visible text. A relay-issued SMS ends with the origin-bound line `@host #code` (WebOTP format). */
    text: z.string(),
    /** The code, or null when the message carries none (it is still listed; the extension ignores it). */
    code: FoundCodeSchema.nullable(),
    /** The registrable domain the code may be filled on ("tiktok.com"; the host for localhost or an IP), or null. */
    site: z.string().nullable(),
    /** The exact origin the issuer named (relay-issued messages). */
    origin: z.string().optional(),
    binding: BindingSchema,
    folder: FolderSchema,
    receivedAt: TimestampSchema,
    /** The same instant as `receivedAt` (kept for clients written before it). */
    createdAt: TimestampSchema,
    expiresAt: TimestampSchema,
    /** Present when the relay issued it. */
    verificationId: VerificationIdSchema.optional(),
    purpose: PurposeSchema.optional(),
  })
  .superRefine((message, ctx) => {
    if (message.source !== 'relay') return;
    for (const field of ['verificationId', 'purpose', 'origin', 'to'] as const) {
      if (message[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'required for relay' });
    }
    if (message.code === null || !RELAY_CODE.test(message.code)) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'a relay-issued code is 4 to 10 digits' });
    }
  });
export type Message = z.infer<typeof MessageSchema>;

/** A relay-issued message: what a client may rely on once it has checked `source === "relay"`. */
export type IssuedMessage = Message & {
  source: 'relay';
  to: string;
  code: string;
  origin: string;
  verificationId: string;
  purpose: z.infer<typeof PurposeSchema>;
};

export function isIssuedMessage(message: Message): message is IssuedMessage {
  return message.source === 'relay';
}

const optionalInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

/** Query of GET /api/v1/messages. `since` keeps messages received strictly after that instant. */
export const ListMessagesQuerySchema = z.strictObject({
  to: z.string().min(1).max(320).optional(),
  purpose: PurposeSchema.optional(),
  origin: z.string().max(2048).optional(),
  source: MessageSourceSchema.optional(),
  folder: FolderSchema.optional(),
  since: TimestampSchema.optional(),
  /** Page size: default MESSAGE_PAGE_SIZE (100), at most 1000. */
  limit: optionalInt(1, 1000),
  /** `nextCursor` of the page before: the page after it (docs/api.md). */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/)
    .optional(),
});
/** GET /api/v1/messages answers this many messages unless `limit` says otherwise. */
export const MESSAGE_PAGE_SIZE = 100;
export type ListMessagesQuery = z.infer<typeof ListMessagesQuerySchema>;

/** Query of GET /api/v1/messages/latest: the newest live match, waiting up to `wait` seconds for one. */
export const LatestMessageQuerySchema = z.strictObject({
  to: z.string().min(1).max(320).optional(),
  purpose: PurposeSchema.optional(),
  origin: z.string().max(2048).optional(),
  source: MessageSourceSchema.optional(),
  folder: FolderSchema.optional(),
  since: TimestampSchema.optional(),
  wait: optionalInt(0, 60),
});
export type LatestMessageQuery = z.infer<typeof LatestMessageQuerySchema>;

/** One page of live messages, newest first; `nextCursor` only when more follow. */
export const MessageListSchema = z.object({ messages: z.array(MessageSchema), nextCursor: z.string().optional() });
export type MessageList = z.infer<typeof MessageListSchema>;

/** Bodies of POST /api/v1/inbound may be this large; every other route keeps LIMITS.maxBodyBytes. */
export const INBOUND_MAX_BODY_BYTES = 256 * 1024;

/**
 * Body of POST /api/v1/inbound: a message that arrived elsewhere (an SMS, an email), as text or HTML. The
 * relay finds the code and the site itself; `receivedAt` defaults to now (a later one is read as now).
 */
export const InboundMessageRequestSchema = z
  .strictObject({
    channel: ChannelSchema,
    from: z
      .string()
      .trim()
      .min(1)
      .max(320)
      .refine((from) => hiddenCharacterIn(from) === undefined, HIDDEN_CHARACTER_MESSAGE),
    to: z
      .string()
      .trim()
      .min(1)
      .max(320)
      .refine((to) => hiddenCharacterIn(to) === undefined, HIDDEN_CHARACTER_MESSAGE)
      .optional(),
    subject: z.string().max(998).optional(),
    text: z.string().max(INBOUND_MAX_BODY_BYTES).optional(),
    html: z.string().max(INBOUND_MAX_BODY_BYTES).optional(),
    receivedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((body, ctx) => {
    if (!body.text?.trim() && !body.html?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'text or html is required' });
    }
  });
export type InboundMessageRequest = z.infer<typeof InboundMessageRequestSchema>;

/** A seller's rule as the wire shows it: messages from `from` on `channel` may be filled on `site`. */
export const SenderRuleWireSchema = z.object({
  channel: ChannelSchema,
  /** SMS sender ID or number; for email, a domain (it and its subdomains). */
  from: z.string(),
  /** A registrable domain ("tiktok.com"). */
  site: z.string(),
});
export type SenderRuleWire = z.infer<typeof SenderRuleWireSchema>;

/** GET /api/v1/sender-rules: the seller's own rules (PUT replaces them) and the built-in ones, checked after. */
export const SenderRulesStateSchema = z.object({
  rules: z.array(SenderRuleWireSchema),
  builtIn: z.array(SenderRuleWireSchema),
});
export type SenderRulesState = z.infer<typeof SenderRulesStateSchema>;
