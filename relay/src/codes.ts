import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A code of `length` digits, each drawn with crypto.randomInt (uniform: no modulo bias). */
export function generateCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += String(randomInt(0, 10));
  return code;
}

/**
 * A digest kept as a 32-character latin1 string: 48 bytes of heap where a Buffer costs ~185 (a Uint8Array, its
 * ArrayBuffer and backing store), and a million pending codes each hold one (bench figure 4).
 */
export type CodeDigest = string;

export interface CodeHasher {
  /** HMAC-SHA-256 of the code, bound to the verification so a digest means nothing elsewhere. */
  hash(verificationId: string, code: string): CodeDigest;
  /** Constant-time comparison of a candidate against a stored digest. */
  matches(verificationId: string, candidate: string, digest: CodeDigest): boolean;
}

/** Codes are only ever stored as digests under a key that lives and dies with the process. */
export function createCodeHasher(key: Buffer = randomBytes(32)): CodeHasher {
  const hmac = (verificationId: string, code: string) =>
    createHmac('sha256', key).update(verificationId).update('\0').update(code).digest();
  return {
    hash: (verificationId, code) => hmac(verificationId, code).toString('latin1'),
    matches: (verificationId, candidate, digest) =>
      timingSafeEqual(hmac(verificationId, candidate), Buffer.from(digest, 'latin1')),
  };
}

/**
 * `VE…`/`MS…` followed by 32 random hex digits, as ONE flat string: a template literal would keep a ConsString
 * of the prefix and the hex alive for as long as the id lives.
 */
export function randomId(prefix: string): string {
  return Buffer.from(prefix + randomBytes(16).toString('hex'), 'latin1').toString('latin1');
}
