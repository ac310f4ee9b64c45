import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A code of `length` digits, each drawn with crypto.randomInt (uniform: no modulo bias). */
export function generateCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += String(randomInt(0, 10));
  return code;
}

export interface CodeHasher {
  /** HMAC-SHA-256 of the code, bound to the verification so a digest means nothing elsewhere. */
  hash(verificationId: string, code: string): Buffer;
  /** Constant-time comparison of a candidate against a stored digest. */
  matches(verificationId: string, candidate: string, digest: Buffer): boolean;
}

/** Codes are only ever stored as digests under a key that lives and dies with the process. */
export function createCodeHasher(key: Buffer = randomBytes(32)): CodeHasher {
  const hash = (verificationId: string, code: string) =>
    createHmac('sha256', key).update(verificationId).update('\0').update(code).digest();
  return {
    hash,
    matches: (verificationId, candidate, digest) => timingSafeEqual(hash(verificationId, candidate), digest),
  };
}
