import {
  BindingSchema,
  FolderSchema,
  type IssuedMessage,
  isIssuedMessage,
  type Message,
  MessageSourceSchema,
} from '@otp-relay/shared/message';
import type { StreamEvent } from '@otp-relay/shared/stream';
import type { StreamCursor } from '@otp-relay/shared/stream-client';
import { ChannelSchema, PurposeSchema } from '@otp-relay/shared/verification';
import { z } from 'zod';

/** How long an expired code stays greyed in the popup before it is dropped (local wall time). */
export const EXPIRED_LINGER_MS = 5_000;

/**
 * One code as the extension keeps it: the message's fields plus times in ms on the relay's clock. The schema
 * checks what a restarted worker or the popup reads back from storage.session (devtools can write anything).
 *
 * Two kinds share it. A code the relay issued (`source: "relay"`) names its verification, destination, purpose
 * and the exact origin it is for (`binding: "issuer"`); a resend replaces it. A code that arrived from elsewhere
 * (an SMS or email handed to POST /api/v1/inbound, later a phone or a mailbox) names who sent it and the site
 * the relay bound it to (`site`, or null when nothing trustworthy named one), and lives until its own expiry.
 */
export const StoredCodeSchema = z.object({
  messageId: z.string(),
  source: MessageSourceSchema,
  code: z.string(),
  channel: ChannelSchema,
  /** SMS sender ID or number, or the email From address. */
  from: z.string(),
  subject: z.string().optional(),
  /** The registrable domain it may be filled on, or null (never auto-filled; a fill is confirmed first). */
  site: z.string().nullable(),
  binding: BindingSchema,
  folder: FolderSchema,
  /** Relay-issued codes: the exact origin, the verification, where it went and what for. */
  origin: z.string().optional(),
  verificationId: z.string().optional(),
  to: z.string().optional(),
  purpose: PurposeSchema.optional(),
  createdAt: z.number(),
  expiresAt: z.number(),
  /** Local wall time at which the code was seen expired; absent while live. */
  expiredAtLocal: z.number().optional(),
});
export type StoredCode = z.infer<typeof StoredCodeSchema>;

/**
 * Everything the background knows, as kept in storage.session: the codes, where the stream is (resume cursor)
 * and how far the relay's clock is ahead of ours (`relay now ≈ Date.now() + skewMs`; a test clock may run
 * minutes ahead). `relayUrl` tells whose state this is: another relay's cursor means nothing.
 */
export interface CodeState {
  relayUrl: string;
  codes: StoredCode[];
  cursor: StreamCursor | null;
  skewMs: number;
}

export const CodeStateSchema = z.object({
  relayUrl: z.string(),
  codes: z.array(StoredCodeSchema),
  cursor: z.object({ epoch: z.string(), seq: z.number() }).nullable(),
  skewMs: z.number(),
});

export function emptyCodeState(relayUrl: string): CodeState {
  return { relayUrl, codes: [], cursor: null, skewMs: 0 };
}

/** The code of a message, or null for a message that carries none (listed by the relay, ignored here). */
export function toStoredCode(message: IssuedMessage): StoredCode;
export function toStoredCode(message: Message): StoredCode | null;
export function toStoredCode(message: Message): StoredCode | null {
  if (message.code === null) return null;
  return {
    messageId: message.id,
    source: message.source,
    code: message.code,
    channel: message.channel,
    from: message.from,
    ...(message.subject !== undefined ? { subject: message.subject } : {}),
    site: message.site,
    binding: message.binding,
    folder: message.folder,
    ...(isIssuedMessage(message)
      ? { origin: message.origin, verificationId: message.verificationId, to: message.to, purpose: message.purpose }
      : {}),
    createdAt: Date.parse(message.receivedAt),
    expiresAt: Date.parse(message.expiresAt),
  };
}

export interface ApplyResult {
  state: CodeState;
  /** A code seen for the first time (a `message` event): what auto-fill acts on. */
  arrived: StoredCode | null;
}

/** The state after one stream event. Pure: `localNow` is Date.now() at receipt. */
export function applyEvent(state: CodeState, event: StreamEvent, localNow: number): ApplyResult {
  const next: CodeState = { ...state, skewMs: Date.parse(event.now) - localNow };
  switch (event.type) {
    case 'snapshot': {
      // The relay restarted or our cursor was too old: what it says is live is all there is.
      const pending = new Set(event.data.verifications.filter((v) => v.status === 'pending').map((v) => v.id));
      const known = new Set(event.data.verifications.map((v) => v.id));
      const issued = newestPerVerification(
        event.data.messages
          .filter(isIssuedMessage)
          .filter((m) => pending.has(m.verificationId) || !known.has(m.verificationId)),
      );
      // Codes from elsewhere have no verification: each lives until its own expiry (expireDue).
      const received = event.data.messages.filter((m) => !isIssuedMessage(m));
      const page = storedCodes([...issued, ...received]);
      // A snapshot comes in bounded pages: the first replaces what we had, each later one adds to it.
      const earlier = (event.data.part ?? 0) > 0 ? state.codes : [];
      const inPage = new Set(page.map((c) => c.messageId));
      const codes = [...page, ...earlier.filter((c) => !inPage.has(c.messageId))];
      return { state: { ...next, codes: sortNewestFirst(codes) }, arrived: null };
    }
    case 'message': {
      const code = toStoredCode(event.data);
      if (!code) return { state: next, arrived: null };
      const seen = state.codes.some((c) => c.messageId === code.messageId);
      // One live code per verification: a resend kills the previous code at once. A code from elsewhere
      // replaces only itself.
      const replaced = (c: StoredCode) =>
        c.messageId === code.messageId ||
        (code.verificationId !== undefined && c.verificationId === code.verificationId);
      const others = state.codes.filter((c) => !replaced(c));
      return { state: { ...next, codes: sortNewestFirst([code, ...others]) }, arrived: seen ? null : code };
    }
    case 'verification': {
      const { id, status } = event.data;
      if (status === 'pending') return { state: next, arrived: null };
      if (status === 'expired')
        return { state: markExpired(next, (c) => c.verificationId === id, localNow), arrived: null };
      return { state: { ...next, codes: next.codes.filter((c) => c.verificationId !== id) }, arrived: null };
    }
    case 'expired': {
      const ids = new Set(event.data.messageIds);
      const { verificationId } = event.data;
      const hit = (c: StoredCode) =>
        ids.has(c.messageId) || (verificationId !== undefined && c.verificationId === verificationId);
      return { state: markExpired(next, hit, localNow), arrived: null };
    }
    case 'reset':
      return { state: { ...next, codes: [] }, arrived: null };
    default:
      return { state: next, arrived: null };
  }
}

/** Marks codes past their expiry (by the relay's clock) and drops those expired longer than the linger. */
export function expireDue(state: CodeState, localNow: number): CodeState {
  const relayNow = localNow + state.skewMs;
  let changed = false;
  const codes: StoredCode[] = [];
  for (const code of state.codes) {
    if (code.expiredAtLocal !== undefined) {
      if (localNow - code.expiredAtLocal >= EXPIRED_LINGER_MS) {
        changed = true;
        continue;
      }
      codes.push(code);
    } else if (code.expiresAt <= relayNow) {
      changed = true;
      codes.push({ ...code, expiredAtLocal: localNow });
    } else {
      codes.push(code);
    }
  }
  return changed ? { ...state, codes } : state;
}

/** Milliseconds until `expireDue` would change something, or null when nothing is pending. */
export function msUntilNextChange(state: CodeState, localNow: number): number | null {
  const relayNow = localNow + state.skewMs;
  let soonest: number | null = null;
  for (const code of state.codes) {
    const due =
      code.expiredAtLocal !== undefined
        ? code.expiredAtLocal + EXPIRED_LINGER_MS - localNow
        : code.expiresAt - relayNow;
    soonest = soonest === null ? due : Math.min(soonest, due);
  }
  return soonest === null ? null : Math.max(0, soonest);
}

export function liveCodes(state: CodeState, localNow: number): StoredCode[] {
  const relayNow = localNow + state.skewMs;
  return state.codes.filter((c) => isLive(c, relayNow));
}

export function isLive(code: StoredCode, relayNow: number): boolean {
  return code.expiredAtLocal === undefined && code.expiresAt > relayNow;
}

/**
 * Adds what GET /api/v1/messages listed (seeding, on the first connection to a relay) to what the stream
 * already brought: codes we know stay as the stream left them, and so do verifications we know; of the rest
 * of the relay's codes, the newest per verification (a resend's predecessor is dead).
 */
export function mergeSeeded(state: CodeState, messages: Message[]): CodeState {
  const known = new Set(state.codes.flatMap((c) => [c.messageId, ...(c.verificationId ? [c.verificationId] : [])]));
  const fresh = messages.filter((m) => !known.has(m.id));
  const issued = newestPerVerification(fresh.filter(isIssuedMessage).filter((m) => !known.has(m.verificationId)));
  const received = fresh.filter((m) => !isIssuedMessage(m));
  return { ...state, codes: sortNewestFirst([...state.codes, ...storedCodes([...issued, ...received])]) };
}

function storedCodes(messages: Message[]): StoredCode[] {
  return messages.map(toStoredCode).filter((code) => code !== null);
}

function markExpired(state: CodeState, hit: (code: StoredCode) => boolean, localNow: number): CodeState {
  return {
    ...state,
    codes: state.codes.map((c) => (hit(c) && c.expiredAtLocal === undefined ? { ...c, expiredAtLocal: localNow } : c)),
  };
}

function newestPerVerification(messages: IssuedMessage[]): IssuedMessage[] {
  const byVerification = new Map<string, IssuedMessage>();
  for (const message of messages) {
    const current = byVerification.get(message.verificationId);
    if (!current || Date.parse(message.receivedAt) > Date.parse(current.receivedAt)) {
      byVerification.set(message.verificationId, message);
    }
  }
  return [...byVerification.values()];
}

function sortNewestFirst(codes: StoredCode[]): StoredCode[] {
  return codes.toSorted((a, b) => b.createdAt - a.createdAt);
}
