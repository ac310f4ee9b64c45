import { describe, expect, it } from 'vitest';
import { applyEvent, type CodeState, emptyCodeState, type StoredCode, toStoredCode } from './code-store.ts';
import { autoFillsInto, fillRefusal, fillVerdict, newestCodeFor } from './fill-rules.ts';
import { pageAt } from './registrable-domain.ts';
import { inboundMessage, iso, message, messageEvent, messageId, T0 } from './testing/relay-events.ts';

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
    expect(fillRefusal(CODE, pageAt(tabOrigin))).toMatch(/This code is for https:\/\/seller\.example\.com/);
  });

  it('refuses a tab that is not a web page', () => {
    expect(fillRefusal(CODE, null)).toMatch(/not a web page/);
  });

  it('allows the exact origin', () => {
    expect(fillRefusal(CODE, pageAt('https://seller.example.com'))).toBeNull();
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
    expect(autoFillsInto(CODE, page === null ? null : pageAt(page), on)).toBe(expected);
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
    expect(newestCodeFor(state, pageAt(RELAY), T0)?.messageId).toBe(messageId(2));
    expect(newestCodeFor(state, pageAt('http://localhost:8787'), T0)).toBeUndefined();
  });
});

describe('codes from elsewhere, bound to a site by the relay', () => {
  const SITE_CODE = toStoredCode(inboundMessage(1));
  it.each([
    ['a page of the site', 'https://seller-us.tiktok.com', true],
    ['another subdomain of the same site', 'https://shop.tiktok.com', true],
    ['the site itself', 'https://tiktok.com', true],
    ['any port', 'https://seller-us.tiktok.com:8443', true],
    ['the site over http', 'http://seller-us.tiktok.com', false],
    ['a look-alike with the site as a subdomain', 'https://tiktok.com.example', false],
    ['a look-alike with the name in it', 'https://tiktok-seller.example', false],
    ['a look-alike under another suffix', 'https://seller-us.tiktok.co', false],
    ['an IP', 'https://127.0.0.1', false],
  ])('%s (%s) → %s', (_name, page, fills) => {
    expect(fillVerdict(SITE_CODE as StoredCode, pageAt(page)).ok).toBe(fills);
    expect(fillRefusal(SITE_CODE as StoredCode, pageAt(page)) === null).toBe(fills);
  });

  it('names the site in the refusal', () => {
    expect(fillRefusal(SITE_CODE as StoredCode, pageAt('https://tiktok.com.example'))).toMatch(
      /for tiktok\.com \(https only\), but the tab shows https:\/\/tiktok\.com\.example/,
    );
  });

  it('follows the public-suffix list: shopee.co.id is a site, co.id is not', () => {
    const code = toStoredCode(inboundMessage(2, { site: 'shopee.co.id' })) as StoredCode;
    expect(fillVerdict(code, pageAt('https://seller.shopee.co.id')).ok).toBe(true);
    expect(fillVerdict(code, pageAt('https://shopee.co.id.example')).ok).toBe(false);
    expect(fillVerdict(code, pageAt('https://other.co.id')).ok).toBe(false);
  });

  it('auto-fills only pages the user turned auto-fill on for', () => {
    expect(
      autoFillsInto(SITE_CODE as StoredCode, pageAt('https://seller-us.tiktok.com'), ['https://seller-us.tiktok.com']),
    ).toBe(true);
    expect(
      autoFillsInto(SITE_CODE as StoredCode, pageAt('https://shop.tiktok.com'), ['https://seller-us.tiktok.com']),
    ).toBe(false);
    expect(
      autoFillsInto(SITE_CODE as StoredCode, pageAt('https://tiktok.com.example'), ['https://tiktok.com.example']),
    ).toBe(false);
  });
});

describe('codes bound to no site', () => {
  const UNBOUND = toStoredCode(inboundMessage(3, { from: '+14155550199', site: null, binding: 'none' })) as StoredCode;

  it('asks first, naming the sender and the page', () => {
    expect(fillVerdict(UNBOUND, pageAt('https://seller-us.tiktok.com'))).toEqual({
      ok: false,
      reason: 'needs-confirmation',
      message: 'Fill the code from +14155550199 into seller-us.tiktok.com?',
    });
    expect(fillVerdict(UNBOUND, pageAt('https://seller-us.tiktok.com'), true)).toEqual({ ok: true });
    expect(fillRefusal(UNBOUND, pageAt('https://seller-us.tiktok.com'))).toBeNull();
  });

  it('is never auto-filled, even where auto-fill is on', () => {
    expect(autoFillsInto(UNBOUND, pageAt('https://seller-us.tiktok.com'), ['https://seller-us.tiktok.com'])).toBe(
      false,
    );
  });

  it('is never what the shortcut fills', () => {
    const state = { ...emptyCodeState(RELAY), codes: [UNBOUND] };
    expect(newestCodeFor(state, pageAt('https://seller-us.tiktok.com'), T0)).toBeUndefined();
  });

  it('is not filled into a tab that is not a web page', () => {
    expect(fillVerdict(UNBOUND, null, true).ok).toBe(false);
  });
});
