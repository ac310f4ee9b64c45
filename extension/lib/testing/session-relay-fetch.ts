import { PROOF_HEADER, SESSION_PATH } from '@otp-relay/shared/constants';
import { bodyDigest, sessionKey, tokenProof } from '@otp-relay/shared/token-proof';

export interface SessionCall {
  method: string;
  path: string;
  /** Signed in a session the relay opened with `token` (what RelayHttp, under RelayClient too, does instead of sending it). */
  signed: boolean;
  /** The Authorization header as sent (never the token itself). */
  authorization: string | null;
}

const RELAY_NONCE = 'be'.repeat(16);

/**
 * A fetch that plays a relay's HTTP session protocol with `token` (docs/security.md) around `handle`, the
 * fake routes: POST /api/v1/session proves the token, unsigned or badly signed requests get a proved 401, and
 * every answer carries the relay's proof. Each call is recorded, the handshake included.
 */
export function sessionRelayFetch(
  token: string,
  handle: (method: string, url: URL, body: string) => Response | Promise<Response>,
): { fetch: typeof fetch; calls: SessionCall[] } {
  const calls: SessionCall[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? init.body : '';
    const authorization = new Headers(init.headers).get('authorization');
    if (url.pathname === SESSION_PATH) {
      calls.push({ method, path: url.pathname, signed: false, authorization });
      const { clientNonce } = JSON.parse(body) as { clientNonce: string };
      return Response.json({
        relayNonce: RELAY_NONCE,
        relayProof: tokenProof(token, 'session relay', clientNonce, RELAY_NONCE),
      });
    }
    const fields = Object.fromEntries(
      [...(authorization ?? '').matchAll(/([a-z]+)=([0-9a-f]+)/g)].map((m) => [m[1], m[2]]),
    );
    const key = sessionKey(token, fields.nc ?? '', fields.nr ?? '');
    const target = `${url.pathname}${url.search}`;
    const signed =
      fields.nr === RELAY_NONCE &&
      fields.mac === tokenProof(key, 'request', method, target, fields.n ?? '', bodyDigest(body));
    calls.push({ method, path: url.pathname, signed, authorization });
    const answer = signed
      ? await handle(method, url, body)
      : new Response(
          JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, code: 'unauthorized' }),
          {
            status: 401,
            headers: { 'content-type': 'application/problem+json' },
          },
        );
    const text = await answer.text();
    const headers = new Headers(answer.headers);
    headers.set(PROOF_HEADER, tokenProof(key, 'response', fields.mac ?? '', String(answer.status), bodyDigest(text)));
    return new Response(answer.status === 204 ? null : text, { status: answer.status, headers });
  }) as typeof fetch;
  return { fetch: fetchFn, calls };
}
