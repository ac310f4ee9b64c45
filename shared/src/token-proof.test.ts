import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  bodyDigest,
  NONCE_PATTERN,
  newNonce,
  PROOF_PATTERN,
  proofInput,
  sameProof,
  sessionKey,
  tokenProof,
} from './token-proof.ts';

/*
 * The proofs against docs/api.md, computed a second way (node:crypto): a relay or client written from that page
 * alone must agree with ours, so both sides using the same wrong formula would still be caught here.
 */
const P = (key: string | Buffer, label: string, ...parts: string[]) =>
  createHmac('sha256', key)
    .update([`otp-relay/1 ${label}`, ...parts].join('\n'))
    .digest('hex');

const CLIENT_NONCE = 'ab'.repeat(16);
const RELAY_NONCE = 'cd'.repeat(32);

describe('proof of the token (docs/api.md)', () => {
  it.each(['stream relay', 'stream client', 'session relay', 'request', 'response'] as const)(
    'P(token, "%s", a, b) is HMAC-SHA-256 over the labelled lines, in lowercase hex',
    (label) => {
      const proof = tokenProof('tok-123', label, CLIENT_NONCE, RELAY_NONCE);
      expect(proof).toBe(P('tok-123', label, CLIENT_NONCE, RELAY_NONCE));
      expect(proof).toMatch(PROOF_PATTERN);
    },
  );

  it('each label and each order of the nonces gives another proof: none can be reflected or reused', () => {
    const proofs = ['stream relay', 'stream client', 'session relay', 'request', 'response'].flatMap((label) => [
      tokenProof('tok-123', label as 'request', CLIENT_NONCE, RELAY_NONCE),
      tokenProof('tok-123', label as 'request', RELAY_NONCE, CLIENT_NONCE),
    ]);
    expect(new Set(proofs).size).toBe(proofs.length);
  });

  it('the session key is HMAC-SHA-256(token, "otp-relay/1 session key\\n" + nC + "\\n" + nR), and signs as a key', () => {
    const expected = createHmac('sha256', 'tok-123')
      .update(`otp-relay/1 session key\n${CLIENT_NONCE}\n${RELAY_NONCE}`)
      .digest();
    const key = sessionKey('tok-123', CLIENT_NONCE, RELAY_NONCE);
    expect(Buffer.from(key)).toEqual(expected);
    expect(tokenProof(key, 'request', 'GET', '/api/v1/messages')).toBe(
      P(expected, 'request', 'GET', '/api/v1/messages'),
    );
    expect(proofInput('request', ['GET', '/x'])).toBe('otp-relay/1 request\nGET\n/x');
  });

  it('the body digest is SHA-256 in hex, the same for text and its UTF-8 bytes', () => {
    const text = '{"to":"+4915112345678","note":"Grüße"}';
    const expected = createHash('sha256').update(text, 'utf8').digest('hex');
    expect(bodyDigest(text)).toBe(expected);
    expect(bodyDigest(new TextEncoder().encode(text))).toBe(expected);
    expect(bodyDigest('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('a nonce is 16 fresh random bytes in hex, one the patterns accept', () => {
    const nonces = Array.from({ length: 20 }, newNonce);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it.each([
    ['32 hex digits', 'a'.repeat(32), true],
    ['128 hex digits', 'a'.repeat(128), true],
    ['31 hex digits', 'a'.repeat(31), false],
    ['129 hex digits', 'a'.repeat(129), false],
    ['upper case', 'A'.repeat(32), false],
    ['a non-hex letter', `${'a'.repeat(31)}g`, false],
    ['a suffix after a newline', `${'a'.repeat(32)}\nx`, false],
  ])('NONCE_PATTERN on %s: %s', (_, nonce, accepted) => {
    expect(NONCE_PATTERN.test(nonce)).toBe(accepted);
  });

  it('PROOF_PATTERN takes exactly 64 lowercase hex digits', () => {
    expect(PROOF_PATTERN.test('a'.repeat(64))).toBe(true);
    for (const proof of ['a'.repeat(63), 'a'.repeat(65), 'A'.repeat(64), ` ${'a'.repeat(64)}`]) {
      expect(PROOF_PATTERN.test(proof)).toBe(false);
    }
  });

  it('sameProof is true for the same proof only: not for one character changed anywhere, a prefix or nothing', () => {
    const proof = P('tok-123', 'request', 'x');
    expect(sameProof(proof, proof)).toBe(true);
    const flip = (at: number) => `${proof.slice(0, at)}${proof[at] === '0' ? '1' : '0'}${proof.slice(at + 1)}`;
    for (const at of [0, 31, 63]) expect(sameProof(flip(at), proof)).toBe(false);
    expect(sameProof(proof.slice(0, 63), proof)).toBe(false);
    expect(sameProof(`${proof}0`, proof)).toBe(false);
    expect(sameProof('', proof)).toBe(false);
    expect(sameProof(undefined, proof)).toBe(false);
  });
});
