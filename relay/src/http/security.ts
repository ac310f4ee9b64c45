import { createHash, timingSafeEqual } from 'node:crypto';
import {
  EXTENSION_ID,
  NONCE_PATTERN,
  NONCE_PROTOCOL_PREFIX,
  RelayError,
  STREAM_PROTOCOL,
  TOKEN_PROTOCOL_PREFIX,
} from '@otp-relay/shared';

/** Sent on every HTTP answer, with X-Frame-Options: DENY for browsers that predate CSP frame-ancestors. */
export const FRAME_ANCESTORS = "frame-ancestors 'none'";

/**
 * Only origin-form targets (`/path?query`, RFC 9112 §3.2.1) reach a route. Node hands absolute-form
 * (`http://evil.example/healthz`) and asterisk-form (`*`) through as `req.url`, and Express would route the
 * path inside them; a relay is nobody's proxy, so those are refused on requests and upgrades alike.
 */
export function isOriginForm(url: string | undefined): boolean {
  return url?.startsWith('/') === true && !url.startsWith('//');
}

export function badTarget(): RelayError {
  return new RelayError('validation_failed', 'The request target must be a path starting with "/".', {
    errors: [{ field: '(target)', message: 'Send origin-form: a path such as /healthz, not an absolute URL.' }],
  });
}

/**
 * The hosts a browser may name in `Host` for this relay. Checking it on every request and upgrade defeats DNS
 * rebinding: a page on evil.example that re-points its name at 127.0.0.1 still sends `Host: evil.example`.
 */
export function allowedHosts(listenHost: string, port: number, extra: readonly string[] = []): Set<string> {
  const hosts = new Set<string>();
  const names = ['127.0.0.1', 'localhost', '[::1]', bracketIpv6(listenHost)];
  for (const name of names) {
    hosts.add(`${name}:${port}`.toLowerCase());
    if (port === 80) hosts.add(name.toLowerCase());
  }
  for (const host of extra) hosts.add(host.toLowerCase());
  return hosts;
}

export function isAllowedHost(hosts: ReadonlySet<string>, header: string | undefined): boolean {
  return header !== undefined && hosts.has(header.toLowerCase());
}

function bracketIpv6(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** No Origin: a non-browser client (CLI, test, backend), fine with the token. Any Origin must be ours. */
export function isAllowedOrigin(origin: string | undefined, extensionIds: readonly string[]): boolean {
  if (origin === undefined) return true;
  return [EXTENSION_ID, ...extensionIds].some((id) => origin === `chrome-extension://${id}`);
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time token comparison (digests first, so lengths never leak either). */
export function tokenMatches(presented: string | undefined, token: string): boolean {
  return tokenChecker(token)(presented);
}

/** `tokenMatches` for one token, its digest computed once rather than on every request. */
export function tokenChecker(token: string): (presented: string | undefined) => boolean {
  const expected = digest(token);
  return (presented) => presented !== undefined && timingSafeEqual(digest(presented), expected);
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * The WebSocket's second subprotocol (browsers cannot set headers on it): the client's nonce, which the relay
 * answers with its proof of the token, or, from a legacy client, the token itself. A malformed nonce counts
 * as none.
 */
export function parseStreamProtocols(header: string | undefined): {
  hasProtocol: boolean;
  token?: string;
  nonce?: string;
} {
  const offered = (header ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  const tokenProtocol = offered.find((value) => value.startsWith(TOKEN_PROTOCOL_PREFIX));
  const nonce = offered.find((value) => value.startsWith(NONCE_PROTOCOL_PREFIX))?.slice(NONCE_PROTOCOL_PREFIX.length);
  return {
    hasProtocol: offered.includes(STREAM_PROTOCOL),
    ...(tokenProtocol === undefined ? {} : { token: tokenProtocol.slice(TOKEN_PROTOCOL_PREFIX.length) }),
    ...(nonce !== undefined && NONCE_PATTERN.test(nonce) ? { nonce } : {}),
  };
}

/** A token must fit in a WebSocket subprotocol (RFC 6455 token chars) and be long enough to guess at. */
export function assertUsableToken(token: string): void {
  if (!/^[A-Za-z0-9._~-]{16,512}$/.test(token)) {
    throw new Error('The API token must be 16–512 characters of A–Z, a–z, 0–9, ".", "_", "~" or "-".');
  }
}
