import type { IncomingMessage } from '../analyze-message.ts';
import type { Binding } from '../bind-site.ts';
import type { SenderRule } from '../sender-rules.ts';

/** The lifetime the corpus runs with when a message names none. */
export const DEFAULT_TTL_MS = 600_000;

export interface Expected {
  code: string | null;
  site?: string | null;
  binding?: Binding;
  /** The lifetime the message itself names; omitted = DEFAULT_TTL_MS. */
  ttlMs?: number;
}

/** One real-world-shaped message and what analyzeMessage must make of it. */
export interface CorpusCase {
  /** Language and sender, e.g. "th · KBank OTP with a Ref". */
  name: string;
  /** `code` for a message with a code, `look-alike` for one whose numbers are something else. */
  kind: 'code' | 'look-alike';
  input: Omit<IncomingMessage, 'receivedAt'>;
  senderRules?: SenderRule[];
  expected: Required<Omit<Expected, 'ttlMs'>> & { ttlMs: number };
}

const MINUTE = 60_000;
export const minutes = (count: number) => count * MINUTE;

const complete = (expected: Expected) => ({
  code: expected.code,
  site: expected.site ?? null,
  binding: expected.binding ?? (expected.site ? 'sender-rule' : 'none'),
  ttlMs: expected.ttlMs ?? DEFAULT_TTL_MS,
});

/** An SMS; a look-alike when no code is expected. */
export const sms = (name: string, from: string, text: string, expected: Expected, senderRules?: SenderRule[]) =>
  ({
    name,
    kind: expected.code === null ? 'look-alike' : 'code',
    input: { channel: 'sms', from, text },
    senderRules,
    expected: complete(expected),
  }) satisfies CorpusCase;

/** An email, plain text or HTML (a body starting with "<" is HTML). */
export const email = (
  name: string,
  from: string,
  subject: string,
  body: string,
  expected: Expected,
  extra: { authenticatedDomains?: string[]; senderRules?: SenderRule[] } = {},
) =>
  ({
    name,
    kind: expected.code === null ? 'look-alike' : 'code',
    input: {
      channel: 'email',
      from,
      subject,
      ...(body.trimStart().startsWith('<') ? { html: body } : { text: body }),
      ...(extra.authenticatedDomains ? { authenticatedDomains: extra.authenticatedDomains } : {}),
    },
    senderRules: extra.senderRules,
    expected: complete(expected),
  }) satisfies CorpusCase;
