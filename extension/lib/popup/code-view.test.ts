import { describe, expect, it } from 'vitest';
import { type CodeState, EXPIRED_LINGER_MS, toStoredCode } from '../code-store.ts';
import { iso, message, messageId, T0 } from '../testing/relay-events.ts';
import { groupCodes } from './code-view.ts';

const A = 'http://127.0.0.1:8787';
const B = 'https://seller.example.com';

function state(skewMs = 0): CodeState {
  return {
    relayUrl: A,
    cursor: null,
    skewMs,
    codes: [
      toStoredCode(message(1, { origin: A, createdAt: iso(T0) })),
      toStoredCode(message(2, { origin: B, createdAt: iso(T0 + 2_000) })),
      toStoredCode(message(3, { origin: A, createdAt: iso(T0 + 1_000), expiresAt: iso(T0 + 61_000) })),
    ],
  };
}

describe('groupCodes', () => {
  it('groups by site, the site with the newest code first, newest first inside', () => {
    const groups = groupCodes(state(), T0 + 1_000);
    expect(groups.map((g) => [g.kind, g.key])).toEqual([
      ['origin', B],
      ['origin', A],
    ]);
    expect(groups[1]?.codes.map((v) => v.code.messageId)).toEqual([messageId(3), messageId(1)]);
  });

  it('counts down against the relay clock', () => {
    const [view] = groupCodes(state(30_000), T0 + 1_000)[1]?.codes ?? [];
    expect(view).toMatchObject({ state: 'live', remainingMs: 30_000, fraction: 0.5 });
  });

  it('greys a code at 0:00 even before the background marks it', () => {
    const views = groupCodes(state(), T0 + 61_000)[1]?.codes ?? [];
    expect(views[0]).toMatchObject({ state: 'expired', remainingMs: 0, fraction: 0 });
    expect(views[1]?.state).toBe('live');
  });

  it('shows a code the background marked expired as expired', () => {
    const marked = state();
    marked.codes = marked.codes.map((c) => ({ ...c, expiredAtLocal: T0 - EXPIRED_LINGER_MS / 2 }));
    expect(groupCodes(marked, T0).flatMap((g) => g.codes.map((v) => v.state))).toEqual([
      'expired',
      'expired',
      'expired',
    ]);
  });

  it('draws nothing without state', () => {
    expect(groupCodes(null, T0)).toEqual([]);
  });
});
