import { type Binding, bindSite } from './bind-site.ts';
import { extractCode } from './extract-code.ts';
import { findExpiry } from './find-expiry.ts';
import { htmlToText } from './html-to-text.ts';
import { normalizeText } from './normalize-text.ts';
import { parseOriginBoundLine } from './parse-origin-bound-line.ts';
import type { SenderRule } from './sender-rules.ts';

export interface IncomingMessage {
  channel: 'sms' | 'email';
  /** SMS sender ID or number, or the email From value. */
  from: string;
  subject?: string;
  text?: string;
  html?: string;
  /** Epoch milliseconds. */
  receivedAt: number;
  /** Domains with a DKIM or DMARC pass, for real mailboxes; undefined = a trusted source such as an app's SMTP. */
  authenticatedDomains?: readonly string[];
}

export interface AnalyzeOptions {
  /** The seller's own rules; the built-in ones are added inside. */
  senderRules: readonly SenderRule[];
  /** Lifetime of a code whose message does not say how long it lasts. */
  defaultTtlMs: number;
}

export interface MessageAnalysis {
  /** The visible text: `text`, or for an HTML-only email the text a reader sees. */
  text: string;
  code: string | null;
  site: string | null;
  binding: Binding;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Everything the relay needs from a message that came from outside: its visible text, the code in it (or
 * null), the site that code may be filled on (or null) and when it stops being worth showing. Pure,
 * synchronous, never throws on any text.
 */
export function analyzeMessage(input: IncomingMessage, options: AnalyzeOptions): MessageAnalysis {
  const text = input.text?.trim() ? input.text : input.html ? htmlToText(input.html) : (input.text ?? '');
  const line = parseOriginBoundLine(text);
  const { site, binding } = bindSite({
    channel: input.channel,
    from: input.from,
    line,
    authenticatedDomains: input.authenticatedDomains,
    senderRules: options.senderRules,
  });
  // The subject is read as the first line: "482913 is your Instagram code" often says it only there.
  const normalized = normalizeText(input.subject ? `${input.subject}\n${text}` : text);
  const code = line?.code ?? extractCode(normalized);
  const ttlMs = findExpiry(normalized.lower) ?? options.defaultTtlMs;
  return { text, code, site, binding, expiresAt: input.receivedAt + ttlMs };
}
