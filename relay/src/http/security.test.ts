import { EXTENSION_ID } from '@otp-relay/shared';
import { describe, expect, it } from 'vitest';
import {
  allowedHosts,
  assertUsableToken,
  bearerToken,
  isAllowedHost,
  isAllowedOrigin,
  isOriginForm,
  parseStreamProtocols,
  tokenMatches,
} from './security.ts';

/*
 * The checks every request and upgrade passes (docs/security.md), case by case; relay/src/security.test.ts
 * runs the same refusals against a real relay.
 */

describe('Host allow-list (DNS rebinding)', () => {
  it.each([
    ['127.0.0.1:8787', true],
    ['localhost:8787', true],
    ['LOCALHOST:8787', true],
    ['[::1]:8787', true],
    ['localhost', false],
    ['127.0.0.1:8788', false],
    ['evil.example:8787', false],
    ['localhost.evil.example:8787', false],
    ['', false],
    [undefined, false],
  ])('a relay on 127.0.0.1:8787 takes Host %s: %s', (host, allowed) => {
    expect(isAllowedHost(allowedHosts('127.0.0.1', 8787), host)).toBe(allowed);
  });

  it('takes only its own names when no extra host is configured', () => {
    expect([...allowedHosts('127.0.0.1', 8787)].toSorted()).toEqual(['127.0.0.1:8787', '[::1]:8787', 'localhost:8787']);
  });

  it('names the address it listens on, an IPv6 one in brackets', () => {
    const hosts = allowedHosts('::', 8787);
    expect(isAllowedHost(hosts, '[::]:8787')).toBe(true);
    expect(isAllowedHost(hosts, ':::8787')).toBe(false);
    expect(isAllowedHost(allowedHosts('[fe80::1]', 8787), '[fe80::1]:8787')).toBe(true);
    expect(isAllowedHost(allowedHosts('192.168.1.20', 8787), '192.168.1.20:8787')).toBe(true);
    expect(isAllowedHost(allowedHosts('Relay.LAN', 8787), 'relay.lan:8787')).toBe(true);
  });

  it('on port 80 also takes the names without a port, as browsers send them', () => {
    const hosts = allowedHosts('0.0.0.0', 80);
    for (const host of ['localhost', '127.0.0.1', '[::1]', '0.0.0.0', 'localhost:80']) {
      expect(isAllowedHost(hosts, host)).toBe(true);
    }
    expect(isAllowedHost(allowedHosts('127.0.0.1', 8080), '127.0.0.1')).toBe(false);
  });

  it('takes the extra hosts it is given, in any case', () => {
    const hosts = allowedHosts('127.0.0.1', 8787, ['Relay.LAN:9999']);
    expect(isAllowedHost(hosts, 'relay.lan:9999')).toBe(true);
    expect(isAllowedHost(hosts, 'RELAY.lan:9999')).toBe(true);
    expect(isAllowedHost(hosts, 'relay.lan')).toBe(false);
  });
});

describe('request target', () => {
  it.each([
    ['/healthz', true],
    ['/api/v1/messages?to=%2B49', true],
    ['/', true],
    ['//evil.example/healthz', false],
    ['http://evil.example/healthz', false],
    ['*', false],
    ['', false],
    [undefined, false],
  ])('%s is origin-form: %s', (url, ok) => {
    expect(isOriginForm(url)).toBe(ok);
  });
});

describe('Origin pinning (the stream)', () => {
  it.each([
    [undefined, true],
    [`chrome-extension://${EXTENSION_ID}`, true],
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', true],
    ['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', false],
    [`chrome-extension://${EXTENSION_ID}/`, false],
    [`https://${EXTENSION_ID}`, false],
    ['null', false],
    ['', false],
  ])('Origin %s, with one extra extension id configured: %s', (origin, allowed) => {
    expect(isAllowedOrigin(origin, ['abcdefghijklmnopabcdefghijklmnop'])).toBe(allowed);
  });
});

describe('token', () => {
  const token = 'a-token-of-twenty-chars';
  it.each([
    [`Bearer ${token}`, token],
    [`bearer ${token}`, token],
    [`Bearer   ${token}  `, token],
    [`Bearer\t${token}`, token],
    [`Basic ${token}`, undefined],
    [`Bearer ${token} extra`, undefined],
    [`xBearer ${token}`, undefined],
    ['Bearer ', undefined],
    [token, undefined],
    [undefined, undefined],
  ])('Authorization %s carries the token %s', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });

  it('matches the token exactly: not a prefix, a suffix, another case or nothing', () => {
    expect(tokenMatches(token, token)).toBe(true);
    for (const presented of [`${token}x`, token.slice(0, -1), token.toUpperCase(), '', undefined]) {
      expect(tokenMatches(presented, token)).toBe(false);
    }
  });

  it.each([
    ['16 characters', 'a'.repeat(16), true],
    ['512 characters', 'a'.repeat(512), true],
    ['every allowed character', 'AZaz09._~-AZaz09', true],
    ['15 characters', 'a'.repeat(15), false],
    ['513 characters', 'a'.repeat(513), false],
    ['a space', 'aaaaaaaa aaaaaaaa', false],
    ['a comma (it would split the subprotocol list)', 'aaaaaaaa,aaaaaaaa', false],
    ['a trailing newline', `${'a'.repeat(16)}\n`, false],
  ])('a token of %s is usable: %s', (_, value, usable) => {
    if (usable) expect(() => assertUsableToken(value)).not.toThrow();
    else expect(() => assertUsableToken(value)).toThrow(/16–512 characters/);
  });
});

describe('stream subprotocols', () => {
  const nonce = 'ab'.repeat(16);
  it('reads the protocol, a nonce and a legacy token from the offered list', () => {
    expect(parseStreamProtocols(`otp-relay.v1, otp-relay.nonce.${nonce}`)).toEqual({ hasProtocol: true, nonce });
    expect(parseStreamProtocols('otp-relay.v1,otp-relay.token.secret-token-1234')).toEqual({
      hasProtocol: true,
      token: 'secret-token-1234',
    });
    expect(parseStreamProtocols(` otp-relay.nonce.${nonce} ,, otp-relay.v1 `)).toEqual({ hasProtocol: true, nonce });
  });

  it.each([
    ['nothing', undefined],
    ['an empty header', ''],
    ['another protocol', 'otp-relay.v2'],
    ['a longer name that starts like ours', 'otp-relay.v10'],
  ])('has no stream protocol in %s', (_, header) => {
    expect(parseStreamProtocols(header).hasProtocol).toBe(false);
  });

  it.each([
    ['too short', 'ab'.repeat(15)],
    ['not hex', 'zz'.repeat(16)],
    ['upper case', 'AB'.repeat(16)],
    ['empty', ''],
  ])('counts a malformed nonce (%s) as none', (_, bad) => {
    expect(parseStreamProtocols(`otp-relay.v1, otp-relay.nonce.${bad}`)).toEqual({ hasProtocol: true });
  });
});
