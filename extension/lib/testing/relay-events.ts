import type { IssuedMessage, Message } from '@otp-relay/shared/message';
import type { StreamEvent } from '@otp-relay/shared/stream';
import type { Verification } from '@otp-relay/shared/verification';

/** Builders for stream envelopes and messages as the relay sends them (test helpers). */
export const EPOCH = '0123456789abcdef';
export const T0 = Date.parse('2026-11-26T12:00:00.000Z');

export const iso = (ms: number) => new Date(ms).toISOString();
const hex32 = (n: number) => n.toString(16).padStart(32, '0');
export const messageId = (n: number) => `MS${hex32(n)}`;
export const verificationId = (n: number) => `VE${hex32(n)}`;

/** A relay-issued message; `createdAt` and `receivedAt` are one instant on the wire, so either sets both. */
export function message(n: number, overrides: Partial<IssuedMessage> = {}): IssuedMessage {
  const at = overrides.receivedAt ?? overrides.createdAt ?? iso(T0);
  return {
    id: messageId(n),
    source: 'relay',
    from: '127.0.0.1',
    site: '127.0.0.1',
    binding: 'issuer',
    verificationId: verificationId(n),
    channel: 'sms',
    to: '+14155550123',
    purpose: 'login',
    origin: 'http://127.0.0.1:8787',
    code: String(100000 + n).slice(-6),
    text: `Your code is ${100000 + n}. Never share it.\n\n@127.0.0.1 #${100000 + n}`,
    folder: 'inbox',
    expiresAt: iso(T0 + 600_000),
    ...overrides,
    receivedAt: at,
    createdAt: at,
  };
}

/**
 * A message that arrived from elsewhere (POST /api/v1/inbound): by default an SMS from TikTok bound to
 * tiktok.com by a sender rule, with code `7<n padded to 5>`.
 */
export function inboundMessage(n: number, overrides: Partial<Message> = {}): Message {
  const at = overrides.receivedAt ?? overrides.createdAt ?? iso(T0);
  return {
    id: messageId(n),
    source: 'inbound',
    channel: 'sms',
    from: 'TikTok',
    text: `[TikTok] ${700000 + n} is your verification code, valid for 5 minutes.`,
    code: String(700000 + n),
    site: 'tiktok.com',
    binding: 'sender-rule',
    folder: 'inbox',
    expiresAt: iso(T0 + 300_000),
    ...overrides,
    receivedAt: at,
    createdAt: at,
  };
}

export function verification(n: number, overrides: Partial<Verification> = {}): Verification {
  return {
    id: verificationId(n),
    to: '+14155550123',
    channel: 'sms',
    purpose: 'login',
    origin: 'http://127.0.0.1:8787',
    status: 'pending',
    codeLength: 6,
    attemptsRemaining: 5,
    sendCount: 1,
    createdAt: iso(T0),
    updatedAt: iso(T0),
    expiresAt: iso(T0 + 600_000),
    resendAvailableAt: iso(T0 + 30_000),
    ...overrides,
  };
}

interface EnvelopeOptions {
  seq: number;
  now?: number;
  epoch?: string;
}

export const hello = ({ seq, now = T0, epoch = EPOCH }: EnvelopeOptions): StreamEvent => ({
  type: 'hello',
  seq,
  epoch,
  now: iso(now),
  data: { relayVersion: '0.1.0', pingIntervalMs: 30_000 },
});

export const messageEvent = (data: Message, { seq, now = T0, epoch = EPOCH }: EnvelopeOptions): StreamEvent => ({
  type: 'message',
  seq,
  epoch,
  now: iso(now),
  data,
});

export const verificationEvent = (
  data: Verification,
  { seq, now = T0, epoch = EPOCH }: EnvelopeOptions,
): StreamEvent => ({ type: 'verification', seq, epoch, now: iso(now), data });

export const expiredEvent = (n: number, { seq, now = T0, epoch = EPOCH }: EnvelopeOptions): StreamEvent => ({
  type: 'expired',
  seq,
  epoch,
  now: iso(now),
  data: { verificationId: verificationId(n), messageIds: [messageId(n)] },
});

export const resetEvent = ({ seq, now = T0, epoch = EPOCH }: EnvelopeOptions): StreamEvent => ({
  type: 'reset',
  seq,
  epoch,
  now: iso(now),
  data: {},
});

export const snapshotEvent = (
  messages: Message[],
  verifications: Verification[],
  { seq, now = T0, epoch = EPOCH }: EnvelopeOptions,
): StreamEvent => ({ type: 'snapshot', seq, epoch, now: iso(now), data: { messages, verifications } });
