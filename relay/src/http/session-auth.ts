import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { NONCE_PATTERN, PROOF_PATTERN, type ProofLabel, proofInput, SESSION_SCHEME } from '@otp-relay/shared';

/** What a signed request carries in `Authorization: OTP-Relay-Session nc=…, nr=…, n=…, mac=…`. */
export interface SessionHeader {
  clientNonce: string;
  relayNonce: string;
  requestNonce: string;
  mac: string;
}

const FIELD = /([a-z]+)=([0-9a-f]+)/g;

export function parseSessionHeader(header: string | undefined): SessionHeader | null {
  if (header === undefined || !header.startsWith(`${SESSION_SCHEME} `)) return null;
  const fields = new Map<string, string>();
  for (const [, name, value] of header.slice(SESSION_SCHEME.length).matchAll(FIELD)) {
    if (name !== undefined && value !== undefined) fields.set(name, value);
  }
  const [nc, nr, n, mac] = ['nc', 'nr', 'n', 'mac'].map((name) => fields.get(name) ?? '');
  if (![nc, nr, n].every((value) => NONCE_PATTERN.test(value ?? '')) || !PROOF_PATTERN.test(mac ?? '')) return null;
  return { clientNonce: nc ?? '', relayNonce: nr ?? '', requestNonce: n ?? '', mac: mac ?? '' };
}

const hex = (key: string | Buffer, label: ProofLabel, parts: string[]) =>
  createHmac('sha256', key).update(proofInput(label, parts)).digest('hex');
const digest = (body: Buffer) => createHash('sha256').update(body).digest('hex');
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The relay's side of HTTP sessions (docs/security.md, "Proof of the token"). `POST /api/v1/session` with a
 * client nonce answers the relay's nonce and its proof of the token on both; the client checks it, and from
 * then on signs each request (method, target, a fresh nonce, body digest) with the key both derive, and checks
 * the proof the relay puts on each answer (`OTP-Relay-Proof`) before it uses any of it. The relay's nonce
 * carries a tag under a key of this process only, so a session (and anything recorded from one) dies with the
 * process that issued it: whatever a squatter might record while the relay is down is for no live session.
 */
export class SessionAuth {
  readonly #token: string;
  readonly #processKey = randomBytes(32);

  constructor(token: string) {
    this.#token = token;
  }

  handshake(clientNonce: string): { relayNonce: string; relayProof: string } {
    const random = randomBytes(16).toString('hex');
    const relayNonce = `${random}${this.#tag(clientNonce, random)}`;
    return { relayNonce, relayProof: hex(this.#token, 'session relay', [clientNonce, relayNonce]) };
  }

  /** True when this process issued the session's relay nonce, for this client nonce. */
  issuedHere(session: SessionHeader): boolean {
    const random = session.relayNonce.slice(0, 32);
    return (
      session.relayNonce.length === 64 && same(session.relayNonce.slice(32), this.#tag(session.clientNonce, random))
    );
  }

  /** The request's signature checks out with this session's key (and the session is one of ours). */
  requestValid(session: SessionHeader, method: string, target: string, body: Buffer): boolean {
    if (!this.issuedHere(session)) return false;
    const expected = hex(this.#key(session), 'request', [method, target, session.requestNonce, digest(body)]);
    return same(session.mac, expected);
  }

  /** The proof on an answer: binds its status and body to the request it answers. */
  answerProof(session: SessionHeader, status: number, body: Buffer): string {
    return hex(this.#key(session), 'response', [session.mac, String(status), digest(body)]);
  }

  #key(session: SessionHeader): Buffer {
    return createHmac('sha256', this.#token)
      .update(proofInput('session key', [session.clientNonce, session.relayNonce]))
      .digest();
  }

  #tag(clientNonce: string, random: string): string {
    return createHmac('sha256', this.#processKey).update(`${clientNonce}\n${random}`).digest('hex').slice(0, 32);
  }
}
