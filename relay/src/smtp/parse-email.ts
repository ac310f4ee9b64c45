import { INBOUND_MAX_BODY_BYTES } from '@otp-relay/shared';
import PostalMime from 'postal-mime';

/** What the relay keeps of an email: who sent it, its subject and words, and its headers (for Authentication-Results). */
export interface ParsedEmail {
  /** The From header's address, when it names one. */
  from: string | undefined;
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  /** Every header, top first, names in lower case (what postal-mime gives). */
  headers: readonly { key: string; value: string }[];
  /** False when the MIME structure could not be read and the words are the raw body's, decoded as best as can be. */
  parsed: boolean;
}

/**
 * Text and HTML kept per message: as much as POST /inbound takes. A code sits in the first lines of a real
 * email; a 10 MiB newsletter's tail is not worth holding for every recipient (the raw bytes stay available).
 */
export const MAX_KEPT_CHARS = INBOUND_MAX_BODY_BYTES;

/**
 * Parses a raw RFC 5322 message with postal-mime. Never throws: a message it cannot read (broken MIME past its
 * limits, 8-bit garbage) is kept as best parsed: subject from the raw headers, the body as text, so nothing a
 * sender sent is lost and the tester sees what arrived.
 */
export async function parseEmail(raw: Uint8Array): Promise<ParsedEmail> {
  try {
    // 256 KiB of headers is more than any real message has; postal-mime's 2 MiB default is a lot to hold per part.
    const email = await PostalMime.parse(raw, {
      maxHeadersSize: 256 * 1024,
      maxNestingDepth: 50,
      attachmentEncoding: 'arraybuffer',
    });
    const from = email.from?.address ?? email.from?.group?.[0]?.address;
    return {
      from: from || undefined,
      subject: clip(email.subject?.trim()),
      text: clip(email.text),
      html: clip(email.html),
      headers: email.headers.map(({ key, value }) => ({ key, value })),
      parsed: true,
    };
  } catch {
    return bestEffort(raw);
  }
}

function bestEffort(raw: Uint8Array): ParsedEmail {
  const whole = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  const split = /\r?\n\r?\n/.exec(whole);
  const head = split ? whole.slice(0, split.index) : '';
  const body = split ? whole.slice(split.index + split[0].length) : whole;
  const headers = head
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .flatMap((line) => {
      const colon = line.indexOf(':');
      return colon > 0 ? [{ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() }] : [];
    });
  const header = (name: string) => headers.find((h) => h.key === name)?.value;
  const fromHeader = header('from');
  return {
    from: fromHeader ? (/<([^<>]+)>/.exec(fromHeader)?.[1] ?? fromHeader).trim() : undefined,
    subject: clip(header('subject')),
    text: clip(body),
    html: undefined,
    headers,
    parsed: false,
  };
}

function clip(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.length > MAX_KEPT_CHARS ? value.slice(0, MAX_KEPT_CHARS) : value;
}
