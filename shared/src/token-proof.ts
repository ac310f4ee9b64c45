import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/*
 * Mutual proof of the token (docs/security.md, "Proof of the token"). Neither side ever sends the token:
 * each proves it knows it with an HMAC-SHA-256 keyed by the token over the other side's fresh nonce, and
 * the relay always proves first, so a process squatting on the relay's port learns only a random nonce.
 * Each proof names who makes it and for what (its label), so none can be reflected or used in another place.
 * Sync (noble) rather than WebCrypto: the stream client handles frames in order without awaiting.
 */

export type ProofLabel = 'stream relay' | 'stream client' | 'session relay' | 'session key' | 'request' | 'response';

/** Nonces are 16–64 random bytes, in lowercase hex (RFC 6455 token characters, so one fits a subprotocol). */
export const NONCE_PATTERN = /^[0-9a-f]{32,128}$/;
/** A proof: HMAC-SHA-256 in lowercase hex. */
export const PROOF_PATTERN = /^[0-9a-f]{64}$/;

/** What a proof is computed over: the label, then each part, one per line (parts never hold a newline). */
export function proofInput(label: ProofLabel, parts: readonly string[]): string {
  return [`otp-relay/1 ${label}`, ...parts].join('\n');
}

/** HMAC-SHA-256(key, proofInput(label, parts)) in hex; `key` is the token, or a session key. */
export function tokenProof(key: string | Uint8Array, label: ProofLabel, ...parts: string[]): string {
  const keyBytes = typeof key === 'string' ? utf8ToBytes(key) : key;
  return bytesToHex(hmac(sha256, keyBytes, utf8ToBytes(proofInput(label, parts))));
}

/** The key both sides derive after a session handshake: what signs HTTP requests and answers from then on. */
export function sessionKey(token: string, clientNonce: string, relayNonce: string): Uint8Array {
  return hmac(sha256, utf8ToBytes(token), utf8ToBytes(proofInput('session key', [clientNonce, relayNonce])));
}

/** SHA-256 of a body (UTF-8 for text), hex: what a request and an answer signature cover. */
export function bodyDigest(body: string | Uint8Array): string {
  return bytesToHex(sha256(typeof body === 'string' ? utf8ToBytes(body) : body));
}

/** 16 random bytes in hex, from the platform's CSPRNG (browsers, workers and Node alike). */
export function newNonce(): string {
  return bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/** Compares two proofs without stopping at the first differing character. */
export function sameProof(presented: string | undefined, expected: string): boolean {
  if (presented === undefined || presented.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= presented.charCodeAt(i) ^ expected.charCodeAt(i);
  return difference === 0;
}
