import { z } from 'zod';
import { NONCE_PATTERN, PROOF_PATTERN } from './token-proof.ts';

/** POST /api/v1/session: a client's fresh nonce (no token; the relay proves it knows the token first). */
export const SessionRequestSchema = z.strictObject({ clientNonce: z.string().regex(NONCE_PATTERN) });
export type SessionRequest = z.infer<typeof SessionRequestSchema>;

/** The relay's nonce and tokenProof(token, 'session relay', clientNonce, relayNonce). */
export const SessionAnswerSchema = z.object({
  relayNonce: z.string().regex(NONCE_PATTERN),
  relayProof: z.string().regex(PROOF_PATTERN),
});
export type SessionAnswer = z.infer<typeof SessionAnswerSchema>;
