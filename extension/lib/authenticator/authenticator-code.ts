/**
 * An authenticator code as the fill path and the popup see it: like a code from the relay, it has digits, a
 * site it may go to and a lifetime, here one period of the entry on the local clock (the seller's sites judge
 * it by real time, as they judge a phone's authenticator app).
 */
export interface AuthenticatorCode {
  kind: 'authenticator';
  entryId: string;
  code: string;
  /** The registrable domain it may be filled on, or null (copy only). */
  site: string | null;
  /** How the popup names the entry. */
  name: string;
  /** Local wall time the code's period began and ends (ms). */
  createdAt: number;
  expiresAt: number;
}

export function isAuthenticatorCode(code: object): code is AuthenticatorCode {
  return (code as { kind?: unknown }).kind === 'authenticator';
}
