import type { ShapePart } from './autofill/autofill-parts.ts';

/**
 * Messages from the background worker to the injected autofill script (entrypoints/autofill.ts; contract
 * between the two). That script must stay small (no zod there): it checks these shapes by hand with
 * `isContentRequest`. The background validates what it receives with zod schemas of its own.
 */
export interface FillRequest {
  type: 'otp-relay/fill';
  code: string;
  /** The code's origin: the autofill script refuses unless it is exactly `location.origin`. */
  origin: string;
  /** Press the form's submit after filling (only when the user turned that on). */
  submit: boolean;
}

/** Auto-fill: fill now if a field is there, otherwise watch the page until `expiresAtMs` (wall clock). */
export interface ArmRequest {
  type: 'otp-relay/arm';
  code: string;
  origin: string;
  submit: boolean;
  expiresAtMs: number;
}

export type ContentRequest = FillRequest | ArmRequest;

export type FillResponse =
  | { ok: true; fields: number }
  | { ok: false; reason: 'wrong-origin' | 'no-field' | 'typed' | 'not-accepted' | 'armed' | 'bad-request' }
  /**
   * The page may have a shape whose part of the autofill script (lib/autofill/autofill-parts.ts) this frame
   * lacks. Nothing was done: inject those, ask again.
   */
  | { ok: false; reason: 'needs-parts'; parts: ShapePart[] };

/**
 * The autofill script to the background, for an arm that answered `armed`: the watch ended later, with a fill
 * attempt (its outcome) or without a field (`no-field`). The background keeps it for the popup (issue 14).
 */
export const AUTO_FILL_REPORT = 'otp-relay/auto-fill-report';
export type AutoFillReport = { type: typeof AUTO_FILL_REPORT } & (
  | { ok: true; fields: number }
  | { ok: false; reason: 'no-field' | 'typed' | 'not-accepted' }
);

export function isContentRequest(value: unknown): value is ContentRequest {
  // Object(): null, undefined and primitives have none of these properties.
  const v = Object(value) as Record<string, unknown>;
  return (
    typeof v.code === 'string' &&
    // Relay-issued codes are digits; a code found in an SMS or email may mix letters and digits.
    /^[A-Za-z0-9]{4,10}$/.test(v.code) &&
    typeof v.origin === 'string' &&
    typeof v.submit === 'boolean' &&
    (v.type === 'otp-relay/fill' || (v.type === 'otp-relay/arm' && typeof v.expiresAtMs === 'number'))
  );
}
