import { describe, expect, it } from 'vitest';
import type { AuthenticatorCode } from './authenticator/authenticator-code.ts';
import { type CodeState, emptyCodeState, type StoredCode, toStoredCode } from './code-store.ts';
import { fillRefusal, fillVerdict, newestCodeFor, senderLabel } from './fill-rules.ts';
import { pageAt } from './registrable-domain.ts';
import { inboundMessage, iso, message, T0 } from './testing/relay-events.ts';

/*
 * What a seller reads when a code may not go where they are, for each kind of code, and what the shortcut
 * fills when the relay's clock runs ahead of the browser's (a test clock, a skewed machine).
 */

const ISSUED = toStoredCode(message(1, { origin: 'https://seller.example.com' }));
const SITE = toStoredCode(inboundMessage(2, { channel: 'email', from: 'no-reply@shop.tiktok.com' })) as StoredCode;
const UNBOUND = toStoredCode(inboundMessage(3, { from: 'TikTok', site: null, binding: 'none' })) as StoredCode;

describe('a refusal names where the code may go', () => {
  it.each([
    ['a relay code', ISSUED, 'This tab is not a web page; the code is for https://seller.example.com.'],
    ['a code of a site', SITE, 'This tab is not a web page; the code is for tiktok.com.'],
    ['a code bound to no site', UNBOUND, 'This tab is not a web page; the code is for a site you choose.'],
  ])('%s, on a tab that is not a web page', (_name, code, refusal) => {
    expect(fillRefusal(code, null)).toBe(refusal);
  });

  it('a relay code on another origin names both', () => {
    expect(fillRefusal(ISSUED, pageAt('https://evil.example.com'))).toBe(
      'This code is for https://seller.example.com, but the tab shows https://evil.example.com.',
    );
  });

  it('names who sent a code, by channel', () => {
    expect(senderLabel(SITE)).toBe('Email from no-reply@shop.tiktok.com');
    expect(senderLabel(UNBOUND)).toBe('SMS from TikTok');
  });
});

describe('the shortcut on the relay clock', () => {
  const RELAY = 'https://seller.example.com';
  const state = (skewMs: number): CodeState => ({
    ...emptyCodeState(RELAY),
    skewMs,
    codes: [toStoredCode(message(4, { origin: RELAY, createdAt: iso(T0), expiresAt: iso(T0 + 60_000) }))],
  });

  it('fills a code the relay still holds live, though the browser clock says it ended', () => {
    expect(newestCodeFor(state(-30_000), pageAt(RELAY), T0 + 75_000)?.code).toBe('100004');
  });

  it('skips a code the relay clock has expired, though the browser clock says it is live', () => {
    expect(newestCodeFor(state(30_000), pageAt(RELAY), T0 + 45_000)).toBeUndefined();
    expect(newestCodeFor(state(0), pageAt(RELAY), T0 + 45_000)?.code).toBe('100004');
  });
});

describe('an authenticator code', () => {
  const entry = (site: string | null): AuthenticatorCode => ({
    kind: 'authenticator',
    entryId: 'e1',
    code: '123456',
    site,
    name: 'TikTok Shop (seller@example.com)',
    createdAt: T0,
    expiresAt: T0 + 30_000,
  });

  it('of an entry tied to no site is never filled, and the refusal says how to change that', () => {
    expect(fillVerdict(entry(null), pageAt('https://seller-us.tiktok.com'), true)).toEqual({
      ok: false,
      reason: 'wrong-origin',
      message: 'TikTok Shop (seller@example.com) is tied to no site: set its site to fill it.',
    });
  });

  it('names its site on a tab that is not a web page, and fills https pages of that site only', () => {
    expect(fillVerdict(entry('tiktok.com'), null)).toEqual({
      ok: false,
      reason: 'wrong-origin',
      message: 'This tab is not a web page; the code is for tiktok.com.',
    });
    expect(fillVerdict(entry('tiktok.com'), pageAt('https://seller-us.tiktok.com'))).toEqual({ ok: true });
    expect(fillVerdict(entry('tiktok.com'), pageAt('http://seller-us.tiktok.com')).ok).toBe(false);
  });
});
