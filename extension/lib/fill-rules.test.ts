import { describe, expect, it } from 'vitest';
import { applyEvent, type CodeState, emptyCodeState, toStoredCode } from './code-store.ts';
import { autoFillsInto, fillRefusal, newestCodeFor } from './fill-rules.ts';
import { iso, message, messageEvent, messageId, T0 } from './testing/relay-events.ts';

const RELAY = 'http://127.0.0.1:8787';
const CODE = toStoredCode(message(1, { origin: 'https://seller.example.com' }));

function withCodes(...ns: number[]): CodeState {
  let state = emptyCodeState(RELAY);
  ns.forEach((n, i) => {
    state = applyEvent(state, messageEvent(message(n, { createdAt: iso(T0 + n * 1000) }), { seq: i + 1 }), T0).state;
  });
  return state;
}

describe('fillRefusal (exact origin only)', () => {
  it.each([
    ['another host', 'https://evil.example.com'],
    ['a subdomain', 'https://shop.seller.example.com'],
    ['the parent domain', 'https://example.com'],
    ['http instead of https', 'http://seller.example.com'],
    ['another port', 'https://seller.example.com:8443'],
  ])('refuses %s', (_name, tabOrigin) => {
    expect(fillRefusal(CODE, tabOrigin)).toMatch(/This code is for https:\/\/seller\.example\.com/);
  });

  it('refuses a tab that is not a web page', () => {
    expect(fillRefusal(CODE, null)).toMatch(/not a web page/);
  });

  it('allows the exact origin', () => {
    expect(fillRefusal(CODE, 'https://seller.example.com')).toBeNull();
  });
});

describe('autoFillsInto (a relay code: its exact origin, where auto-fill is on)', () => {
  it.each([
    ['its origin, auto-fill on there', 'https://seller.example.com', ['https://seller.example.com'], true],
    ['its origin, auto-fill off', 'https://seller.example.com', [], false],
    ['auto-fill on for another origin only', 'https://seller.example.com', ['https://other.example.com'], false],
    ['another origin with auto-fill on', 'https://shop.seller.example.com', ['https://shop.seller.example.com'], false],
    ['not a web page', null, ['https://seller.example.com'], false],
  ] as const)('%s → %s', (_name, page, on, expected) => {
    expect(autoFillsInto(CODE, page, on)).toBe(expected);
  });
});

describe('newestCodeFor', () => {
  it('returns the newest live code for exactly that origin', () => {
    let state = withCodes(1, 2);
    state = applyEvent(
      state,
      messageEvent(message(3, { origin: 'http://127.0.0.1:9999', createdAt: iso(T0 + 9_000) }), { seq: 3 }),
      T0,
    ).state;
    expect(newestCodeFor(state, RELAY, T0)?.messageId).toBe(messageId(2));
    expect(newestCodeFor(state, 'http://localhost:8787', T0)).toBeUndefined();
  });
});
