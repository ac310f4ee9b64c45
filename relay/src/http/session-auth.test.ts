import { bodyDigest, sessionKey, tokenProof } from '@otp-relay/shared';
import { describe, expect, it } from 'vitest';
import { parseSessionHeader, SessionAuth, type SessionHeader } from './session-auth.ts';

/*
 * The relay's side of HTTP sessions, against what a client computes from docs/api.md with the shared proof
 * functions: the handshake proves the token, a request signed with the session key passes, and anything
 * changed, recorded from another relay process or made up is refused.
 */
const TOKEN = 'a-token-of-twenty-chars';
const NC = 'ab'.repeat(16);
const N = 'cd'.repeat(16);

/** A client's session after the handshake, and a header for one signed request. */
function open(auth: SessionAuth, clientNonce = NC) {
  const { relayNonce, relayProof } = auth.handshake(clientNonce);
  const key = sessionKey(TOKEN, clientNonce, relayNonce);
  const sign = (method: string, target: string, body = '', requestNonce = N): SessionHeader => ({
    clientNonce,
    relayNonce,
    requestNonce,
    mac: tokenProof(key, 'request', method, target, requestNonce, bodyDigest(body)),
  });
  return { relayNonce, relayProof, key, sign };
}

describe('SessionAuth', () => {
  it('answers the handshake with a fresh 32-byte relay nonce and its proof of the token on both nonces', () => {
    const auth = new SessionAuth(TOKEN);
    const first = open(auth);
    const second = open(auth);
    expect(first.relayNonce).toMatch(/^[0-9a-f]{64}$/);
    expect(first.relayProof).toBe(tokenProof(TOKEN, 'session relay', NC, first.relayNonce));
    expect(second.relayNonce).not.toBe(first.relayNonce);
  });

  it('takes a request signed with the session key, and proves its answer over the request, status and body', () => {
    const auth = new SessionAuth(TOKEN);
    const { key, sign } = open(auth);
    const header = sign('POST', '/api/v1/verifications', '{"to":"+4915112345678"}');
    expect(auth.issuedHere(header)).toBe(true);
    expect(auth.requestValid(header, 'POST', '/api/v1/verifications', Buffer.from('{"to":"+4915112345678"}'))).toBe(
      true,
    );
    const body = '{"id":"ver_1"}';
    expect(auth.answerProof(header, 201, Buffer.from(body))).toBe(
      tokenProof(key, 'response', header.mac, '201', bodyDigest(body)),
    );
    expect(auth.answerProof(header, 200, Buffer.from(body))).not.toBe(auth.answerProof(header, 201, Buffer.from(body)));
  });

  it.each([
    ['another method', (h: SessionHeader) => [h, 'PUT', '/api/v1/verifications', '{}']],
    ['another target', (h: SessionHeader) => [h, 'POST', '/api/v1/inbound', '{}']],
    ['another body', (h: SessionHeader) => [h, 'POST', '/api/v1/verifications', '{"a":1}']],
    [
      'another request nonce',
      (h: SessionHeader) => [{ ...h, requestNonce: 'ef'.repeat(16) }, 'POST', '/api/v1/verifications', '{}'],
    ],
    [
      'a mac of the token, not of the session key',
      (h: SessionHeader) => [
        { ...h, mac: tokenProof(TOKEN, 'request', 'POST', '/api/v1/verifications', N, bodyDigest('{}')) },
        'POST',
        '/api/v1/verifications',
        '{}',
      ],
    ],
  ] as const)('refuses a signed request with %s', (_, change) => {
    const auth = new SessionAuth(TOKEN);
    const header = open(auth).sign('POST', '/api/v1/verifications', '{}');
    const [changed, method, target, body] = change(header) as [SessionHeader, string, string, string];
    expect(auth.requestValid(changed, method, target, Buffer.from(body))).toBe(false);
  });

  it('knows only the sessions of this process, for the client nonce they were opened with', () => {
    const auth = new SessionAuth(TOKEN);
    const header = open(auth).sign('GET', '/api/v1/messages');
    const otherProcess = new SessionAuth(TOKEN);
    expect(otherProcess.issuedHere(header)).toBe(false);
    expect(otherProcess.requestValid(header, 'GET', '/api/v1/messages', Buffer.alloc(0))).toBe(false);
    // The same relay nonce under another client nonce, correctly signed for it: not a session of ours.
    const key = sessionKey(TOKEN, 'ef'.repeat(16), header.relayNonce);
    const moved = {
      ...header,
      clientNonce: 'ef'.repeat(16),
      mac: tokenProof(key, 'request', 'GET', '/api/v1/messages', N, bodyDigest('')),
    };
    expect(auth.issuedHere(moved)).toBe(false);
    expect(auth.requestValid(moved, 'GET', '/api/v1/messages', Buffer.alloc(0))).toBe(false);
    // A relay nonce with its tag cut off, or made longer, is none of ours either.
    expect(auth.issuedHere({ ...header, relayNonce: header.relayNonce.slice(0, 32) })).toBe(false);
    expect(auth.issuedHere({ ...header, relayNonce: `${header.relayNonce}00` })).toBe(false);
    const tag = header.relayNonce.slice(32);
    const otherRandom = `${'0'.repeat(32)}${tag}`;
    expect(auth.issuedHere({ ...header, relayNonce: otherRandom })).toBe(false);
  });
});

describe('parseSessionHeader', () => {
  const mac = 'f'.repeat(64);
  const nr = 'cd'.repeat(32);
  const header = `OTP-Relay-Session nc=${NC}, nr=${nr}, n=${N}, mac=${mac}`;

  it('reads the four fields, in any order', () => {
    const expected = { clientNonce: NC, relayNonce: nr, requestNonce: N, mac };
    expect(parseSessionHeader(header)).toEqual(expected);
    expect(parseSessionHeader(`OTP-Relay-Session mac=${mac},n=${N},nr=${nr},nc=${NC}`)).toEqual(expected);
  });

  it.each([
    ['no header', undefined],
    ['a Bearer token', 'Bearer a-token-of-twenty-chars'],
    ['another scheme that starts the same', header.replace('OTP-Relay-Session ', 'OTP-Relay-SessionX ')],
    ['no space after the scheme', header.replace('OTP-Relay-Session ', 'OTP-Relay-Session')],
    ['the scheme alone', 'OTP-Relay-Session '],
    ['no mac', `OTP-Relay-Session nc=${NC}, nr=${nr}, n=${N}`],
    ['no request nonce', `OTP-Relay-Session nc=${NC}, nr=${nr}, mac=${mac}`],
    ['no relay nonce', `OTP-Relay-Session nc=${NC}, n=${N}, mac=${mac}`],
    ['no client nonce', `OTP-Relay-Session nr=${nr}, n=${N}, mac=${mac}`],
    ['a short mac', header.replace(mac, mac.slice(1))],
    ['a short nonce', header.replace(`n=${N}`, `n=${N.slice(2)}`)],
  ])('is null for %s', (_, value) => {
    expect(parseSessionHeader(value)).toBeNull();
  });
});
