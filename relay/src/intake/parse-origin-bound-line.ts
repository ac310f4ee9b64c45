/** An origin-bound one-time code line (https://wicg.github.io/sms-one-time-codes/): `@host #code [@embedded]`. */
export interface OriginBoundLine {
  /** The top-level host, lower-case, without a port. */
  host: string;
  code: string;
  /** The host of an iframe the code is for, when the line names one. */
  embeddedHost: string | null;
}

// The spec's last line; the embedded host follows "@" (the spec since WICG/sms-one-time-codes#11, as Chromium
// parses it) or "%" (the earlier draft some senders still use). Codes are held to the corpus' 4–10 letters and
// digits; anything else is not a code this relay would fill. Anchored at both ends, no nested quantifiers.
const LINE = /^@([a-z0-9.-]+)(?::\d{1,5})? #([a-z0-9]{4,10})(?: [@%]([a-z0-9.-]+)(?::\d{1,5})?)?$/i;

/** The last non-empty line of `text`, parsed; null when it is not in the format. */
export function parseOriginBoundLine(text: string): OriginBoundLine | null {
  const trimmed = text.trimEnd();
  const last = trimmed.slice(trimmed.lastIndexOf('\n') + 1).trim();
  if (last.length > 300) return null;
  const match = LINE.exec(last);
  if (!match) return null;
  const [, host, code, embedded] = match as unknown as [string, string, string, string | undefined];
  return { host: host.toLowerCase(), code, embeddedHost: embedded?.toLowerCase() ?? null };
}
