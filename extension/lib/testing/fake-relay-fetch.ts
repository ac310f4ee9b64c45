import { PROOF_HEADER, SESSION_PATH } from '@otp-relay/shared/constants';
import type { Message } from '@otp-relay/shared/message';
import { bodyDigest, sessionKey, tokenProof } from '@otp-relay/shared/token-proof';

export interface FakeRelayHttp {
  /** What GET /healthz does: answer or throw (nothing listening). */
  up: boolean;
  /** The token the relay knows: it proves this one, and takes requests signed in its sessions. */
  token: string;
  messages: Message[];
  calls: string[];
}

const RELAY_NONCE = 'be'.repeat(16);

/**
 * A fetch that answers like the relay's HTTP API would (only what the extension calls), sessions included:
 * the handshake proves `relay.token`, and every answer to a signed request carries the relay's proof.
 */
export function fakeRelayFetch(relay: FakeRelayHttp): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    relay.calls.push(url.pathname);
    if (!relay.up) throw new TypeError('Failed to fetch');
    if (url.pathname === '/healthz') return Response.json({ ok: true });
    if (url.pathname === SESSION_PATH) {
      const { clientNonce } = JSON.parse(String(init?.body)) as { clientNonce: string };
      const relayProof = tokenProof(relay.token, 'session relay', clientNonce, RELAY_NONCE);
      return Response.json({ relayNonce: RELAY_NONCE, relayProof });
    }
    const fields = Object.fromEntries(
      [...(new Headers(init?.headers).get('authorization') ?? '').matchAll(/([a-z]+)=([0-9a-f]+)/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    const key = sessionKey(relay.token, fields.nc ?? '', fields.nr ?? '');
    const body = typeof init?.body === 'string' ? init.body : '';
    const target = `${url.pathname}${url.search}`;
    const valid =
      fields.nr === RELAY_NONCE &&
      fields.mac === tokenProof(key, 'request', init?.method ?? 'GET', target, fields.n ?? '', bodyDigest(body));
    const answer = (status: number, text: string, type: string) =>
      new Response(text, {
        status,
        headers: {
          'content-type': type,
          [PROOF_HEADER]: tokenProof(key, 'response', fields.mac ?? '', String(status), bodyDigest(text)),
        },
      });
    if (!valid) {
      const problem = { type: '/problems/unauthorized', title: 'Unauthorized', status: 401, code: 'unauthorized' };
      return answer(401, JSON.stringify(problem), 'application/problem+json');
    }
    if (url.pathname === '/api/v1/messages')
      return answer(200, JSON.stringify({ messages: relay.messages }), 'application/json');
    return answer(404, 'not found', 'text/plain');
  };
}
