/** One header as postal-mime gives it: lower-case name, unfolded value. Top of the message first. */
export interface HeaderField {
  key: string;
  value: string;
}

/** One result of an Authentication-Results header (RFC 8601): `dkim=pass header.d=example.com`. */
interface ResultInfo {
  method: string;
  result: string;
  props: Map<string, string>;
}

/** Removes RFC 5322 comments, `(…)` with nesting, outside quoted strings. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i] as string;
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += c + (value[i + 1] ?? '');
      i += 1;
    } else if (quoted) {
      out += c;
      if (c === '"') quoted = false;
    } else if (c === '(') depth += 1;
    else if (c === ')' && depth > 0) depth -= 1;
    else if (depth === 0) {
      if (c === '"') quoted = true;
      out += c;
    }
  }
  return out;
}

const unquote = (value: string) => (value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);

/** The authserv-id and the results of one header value; null when it is not one. */
export function parseAuthenticationResults(value: string): { authservId: string; results: ResultInfo[] } | null {
  const parts = stripComments(value)
    .split(';')
    .map((part) => part.trim());
  const authservId = parts[0]?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return null;
  const results: ResultInfo[] = [];
  for (const part of parts.slice(1)) {
    const tokens = part.split(/\s+/).filter(Boolean);
    const [first, ...rest] = tokens;
    const head = /^([a-z0-9-]+)(?:\/\d+)?=([a-z]+)$/i.exec(first ?? '');
    if (!head) continue;
    const props = new Map<string, string>();
    for (const token of rest) {
      const prop = /^([a-z0-9-]+\.[a-z0-9-]+)=(.+)$/i.exec(token);
      if (prop?.[1] && prop[2]) props.set(prop[1].toLowerCase(), unquote(prop[2]));
    }
    results.push({ method: (head[1] as string).toLowerCase(), result: (head[2] as string).toLowerCase(), props });
  }
  return { authservId, results };
}

/** The domain part of `header.d` / `header.from` values (`header.from` may be a whole address in the wild). */
function domainOf(value: string): string | null {
  const domain = value
    .slice(value.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
}

/**
 * The domains a receiving mail server vouches for in a message it delivered: those with `dkim=pass
 * header.d=<domain>` or `dmarc=pass header.from=<domain>` in its Authentication-Results.
 *
 * Anyone can write an Authentication-Results header into a message they send, so only the receiving server's
 * own count: the topmost Authentication-Results header (servers add theirs on top when they deliver), or, when
 * `authservId` is given (the mailbox's setting), the topmost one with that authserv-id; plus the
 * Authentication-Results headers right below it with the same id (some servers write one per method), up to
 * the first other header. Anything further down was in the message before that server saw it.
 */
export function authenticatedDomains(headers: readonly HeaderField[], authservId?: string): string[] {
  const wanted = authservId?.toLowerCase();
  const isResults = (h: HeaderField | undefined) => h?.key === 'authentication-results';
  let start = -1;
  let trusted: string | undefined;
  for (let i = 0; i < headers.length; i += 1) {
    if (!isResults(headers[i])) continue;
    const id = parseAuthenticationResults(headers[i]?.value ?? '')?.authservId;
    if (wanted === undefined || id === wanted) {
      start = i;
      trusted = id;
      break;
    }
  }
  if (start < 0 || trusted === undefined) return [];
  const domains = new Set<string>();
  for (let i = start; i < headers.length && isResults(headers[i]); i += 1) {
    const parsed = parseAuthenticationResults(headers[i]?.value ?? '');
    if (parsed?.authservId !== trusted) break;
    for (const { method, result, props } of parsed.results) {
      if (result !== 'pass') continue;
      const value =
        method === 'dkim' ? props.get('header.d') : method === 'dmarc' ? props.get('header.from') : undefined;
      const domain = value === undefined ? null : domainOf(value);
      if (domain) domains.add(domain);
    }
  }
  return [...domains];
}
