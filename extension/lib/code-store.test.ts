import type { StreamEvent } from '@otp-relay/shared/stream';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  type CodeState,
  CodeStateSchema,
  EXPIRED_LINGER_MS,
  emptyCodeState,
  expireDue,
  liveCodes,
  mergeSeeded,
  msUntilNextChange,
} from './code-store.ts';
import {
  EPOCH,
  expiredEvent,
  inboundMessage,
  iso,
  message,
  messageEvent,
  messageId,
  resetEvent,
  snapshotEvent,
  T0,
  verification,
  verificationEvent,
} from './testing/relay-events.ts';

const RELAY = 'http://127.0.0.1:8787';

function withCodes(...ns: number[]): CodeState {
  let state = emptyCodeState(RELAY);
  ns.forEach((n, i) => {
    state = applyEvent(state, messageEvent(message(n, { createdAt: iso(T0 + n * 1000) }), { seq: i + 1 }), T0).state;
  });
  return state;
}

describe('applyEvent', () => {
  it('adds a message as a live code, newest first, and reports it as arrived once', () => {
    const first = applyEvent(emptyCodeState(RELAY), messageEvent(message(1), { seq: 1 }), T0);
    expect(first.arrived?.code).toBe('100001');
    const second = applyEvent(first.state, messageEvent(message(2, { createdAt: iso(T0 + 5_000) }), { seq: 2 }), T0);
    expect(second.state.codes.map((c) => c.messageId)).toEqual([messageId(2), messageId(1)]);
    const replay = applyEvent(second.state, messageEvent(message(2), { seq: 2 }), T0);
    expect(replay.arrived).toBeNull();
  });

  it('keeps one live code per verification: a resend replaces the old code', () => {
    const state = withCodes(1);
    const resent = message(9, { verificationId: message(1).verificationId, code: '999999' });
    const { state: next } = applyEvent(state, messageEvent(resent, { seq: 2 }), T0);
    expect(next.codes.map((c) => c.code)).toEqual(['999999']);
  });

  it.each([
    ['approved', 'removed'],
    ['canceled', 'removed'],
    ['max_attempts_reached', 'removed'],
    ['expired', 'expired'],
    ['pending', 'live'],
  ] as const)('a verification turning %s leaves its code %s', (status, outcome) => {
    const state = withCodes(1, 2);
    const { state: next } = applyEvent(state, verificationEvent(verification(1, { status }), { seq: 3 }), T0 + 10);
    const code = next.codes.find((c) => c.messageId === messageId(1));
    if (outcome === 'removed') expect(code).toBeUndefined();
    else expect(code?.expiredAtLocal !== undefined ? 'expired' : 'live').toBe(outcome);
    expect(next.codes.some((c) => c.messageId === messageId(2))).toBe(true);
  });

  it('marks a code expired on an expired event, greys it for a while, then drops it', () => {
    const state = applyEvent(withCodes(1), expiredEvent(1, { seq: 2 }), T0).state;
    expect(state.codes[0]?.expiredAtLocal).toBe(T0);
    expect(liveCodes(state, T0)).toHaveLength(0);
    expect(expireDue(state, T0 + EXPIRED_LINGER_MS - 1).codes).toHaveLength(1);
    expect(expireDue(state, T0 + EXPIRED_LINGER_MS).codes).toHaveLength(0);
  });

  it('clears everything on reset', () => {
    expect(applyEvent(withCodes(1, 2), resetEvent({ seq: 3 }), T0).state.codes).toEqual([]);
  });

  it('replaces the state with a snapshot, keeping only pending verifications and their newest message', () => {
    const state = withCodes(1, 2);
    const older = message(3, { createdAt: iso(T0) });
    const newer = message(4, { verificationId: older.verificationId, createdAt: iso(T0 + 1_000) });
    const done = message(5);
    const snapshot = snapshotEvent([older, newer, done], [verification(3), verification(5, { status: 'approved' })], {
      seq: 40,
    });
    const { state: next, arrived } = applyEvent(state, snapshot, T0);
    expect(next.codes.map((c) => c.messageId)).toEqual([messageId(4)]);
    expect(arrived).toBeNull();
  });

  it('keeps the skew between the relay clock and ours from every envelope', () => {
    const ahead = 120_000;
    const { state } = applyEvent(emptyCodeState(RELAY), resetEvent({ seq: 1, now: T0 + ahead }), T0);
    expect(state.skewMs).toBe(ahead);
  });
});

describe('expiry by the relay clock', () => {
  it('expires a code when the relay clock (not ours) passes expiresAt', () => {
    // The test clock runs 10 minutes ahead: the code (TTL 600 s) is already dead by the relay's time.
    const { state } = applyEvent(emptyCodeState(RELAY), messageEvent(message(1), { seq: 1, now: T0 + 600_000 }), T0);
    expect(liveCodes(state, T0)).toHaveLength(0);
    expect(expireDue(state, T0).codes[0]?.expiredAtLocal).toBe(T0);
  });

  it('says when the next change is due', () => {
    const state = withCodes(1);
    expect(msUntilNextChange(state, T0 + 100_000)).toBe(500_000);
    expect(msUntilNextChange(emptyCodeState(RELAY), T0)).toBeNull();
  });
});

describe('codes that arrived from elsewhere (inbound SMS and email)', () => {
  it('keeps the sender, the site and how it was bound; two codes from one sender both stay', () => {
    let state = emptyCodeState(RELAY);
    state = applyEvent(state, messageEvent(inboundMessage(1), { seq: 1 }), T0).state;
    const second = applyEvent(state, messageEvent(inboundMessage(2, { createdAt: iso(T0 + 1_000) }), { seq: 2 }), T0);
    expect(second.arrived).toMatchObject({
      source: 'inbound',
      from: 'TikTok',
      site: 'tiktok.com',
      binding: 'sender-rule',
    });
    expect(second.arrived?.verificationId).toBeUndefined();
    expect(second.state.codes.map((c) => c.messageId)).toEqual([messageId(2), messageId(1)]);
  });

  it('ignores a message that carries no code (listed by the relay, nothing to fill)', () => {
    const { state, arrived } = applyEvent(
      emptyCodeState(RELAY),
      messageEvent(inboundMessage(1, { code: null, site: null, binding: 'none' }), { seq: 1 }),
      T0,
    );
    expect(arrived).toBeNull();
    expect(state.codes).toEqual([]);
  });

  it('expires one by the message ids of an expired event without a verification', () => {
    let state = applyEvent(emptyCodeState(RELAY), messageEvent(inboundMessage(1), { seq: 1 }), T0).state;
    state = applyEvent(state, messageEvent(message(2), { seq: 2 }), T0).state;
    const event: StreamEvent = {
      type: 'expired',
      seq: 3,
      epoch: EPOCH,
      now: iso(T0),
      data: { messageIds: [messageId(1)] },
    };
    state = applyEvent(state, event, T0).state;
    expect(state.codes.find((c) => c.messageId === messageId(1))?.expiredAtLocal).toBe(T0);
    expect(state.codes.find((c) => c.messageId === messageId(2))?.expiredAtLocal).toBeUndefined();
  });

  it('keeps them from a snapshot, beside the pending relay codes', () => {
    const snapshot = snapshotEvent(
      [message(1), inboundMessage(2), inboundMessage(3, { code: null })],
      [verification(1)],
      {
        seq: 4,
      },
    );
    const { state } = applyEvent(emptyCodeState(RELAY), snapshot, T0);
    expect(state.codes.map((c) => c.messageId).sort()).toEqual([messageId(1), messageId(2)]);
  });

  it('adds them when seeding, once', () => {
    const state = applyEvent(emptyCodeState(RELAY), messageEvent(inboundMessage(1), { seq: 1 }), T0).state;
    const seeded = mergeSeeded(state, [inboundMessage(1), inboundMessage(2), inboundMessage(3, { code: null })]);
    expect(seeded.codes.map((c) => c.messageId).sort()).toEqual([messageId(1), messageId(2)]);
  });

  it('reads them back from storage.session', () => {
    const state = applyEvent(emptyCodeState(RELAY), messageEvent(inboundMessage(1), { seq: 1 }), T0).state;
    expect(CodeStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
});
