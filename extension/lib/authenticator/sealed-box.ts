import { z } from 'zod';

/*
 * How secrets are kept at rest, in storage and in backup files: JSON sealed with AES-256-GCM (WebCrypto) under
 * a key derived from the seller's passphrase.
 *
 * KDF: PBKDF2-HMAC-SHA256 (WebCrypto's only password KDF) at 600,000 iterations, the OWASP Password Storage
 * Cheat Sheet's figure for PBKDF2-HMAC-SHA256 (2023); 16 random bytes of salt per vault or file. Argon2id or
 * scrypt would be stronger per second spent, but need a WASM or JS implementation in the bundle; a vetted
 * platform KDF at the recommended cost is the choice the issue allows. The count is stored with the box, so a
 * later raise still opens old vaults and files.
 *
 * AES-GCM: a fresh random 96-bit IV for every seal (a key seals at most a few thousand boxes in its life, far
 * below the 2^32 random-IV limit), and the box's purpose as additional data, so a vault cannot be passed off as
 * a backup file or the other way round.
 */
export const KDF_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;

export const SealedBoxSchema = z.strictObject({
  kdf: z.strictObject({
    name: z.literal('PBKDF2-SHA256'),
    iterations: z.int().min(1).max(10_000_000),
    salt: z.base64(),
  }),
  cipher: z.strictObject({ name: z.literal('AES-256-GCM'), iv: z.base64() }),
  data: z.base64(),
});
export type SealedBox = z.infer<typeof SealedBoxSchema>;
export type KdfParams = SealedBox['kdf'];

/** What a box is for: sealed in as AES-GCM additional data. */
export type BoxPurpose = 'otp-relay authenticator vault v1' | 'otp-relay authenticator backup v1';

export function newKdfParams(iterations = KDF_ITERATIONS): KdfParams {
  return { name: 'PBKDF2-SHA256', iterations, salt: toBase64(crypto.getRandomValues(new Uint8Array(SALT_BYTES))) };
}

/** The raw 256-bit AES key for `passphrase` under `kdf` (slow on purpose: about half a second here). */
export async function deriveKey(passphrase: string, kdf: KdfParams): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(kdf.salt), iterations: kdf.iterations },
    material,
    256,
  );
  return new Uint8Array(bits);
}

export async function seal(
  value: unknown,
  rawKey: Uint8Array,
  kdf: KdfParams,
  purpose: BoxPurpose,
): Promise<SealedBox> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await aesKey(rawKey, 'encrypt');
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: ad(purpose) }, key, plain);
  return { kdf, cipher: { name: 'AES-256-GCM', iv: toBase64(iv) }, data: toBase64(new Uint8Array(sealed)) };
}

/** The sealed value, or null when the key is not the one it was sealed with (or the box was tampered with). */
export async function open(box: SealedBox, rawKey: Uint8Array, purpose: BoxPurpose): Promise<unknown | null> {
  try {
    const key = await aesKey(rawKey, 'decrypt');
    const iv = fromBase64(box.cipher.iv);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: ad(purpose) },
      key,
      fromBase64(box.data),
    );
    return JSON.parse(new TextDecoder().decode(plain));
  } catch {
    return null;
  }
}

function aesKey(rawKey: Uint8Array, use: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', rawKey as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [use]);
}

function ad(purpose: BoxPurpose): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(purpose);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
