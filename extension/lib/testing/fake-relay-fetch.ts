import type { Message } from '@otp-relay/shared/message';

export interface FakeRelayHttp {
  /** What GET /healthz does: answer or throw (nothing listening). */
  up: boolean;
  /** The token the relay accepts on /api/**. */
  token: string;
  messages: Message[];
  calls: string[];
}

/** A fetch that answers like the relay's HTTP API would (only what the extension calls). */
export function fakeRelayFetch(relay: FakeRelayHttp): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    relay.calls.push(url.pathname);
    if (!relay.up) throw new TypeError('Failed to fetch');
    if (url.pathname === '/healthz') return Response.json({ ok: true });
    const headers = new Headers(init?.headers);
    if (headers.get('authorization') !== `Bearer ${relay.token}`) {
      return new Response(
        JSON.stringify({ type: '/problems/unauthorized', title: 'Unauthorized', status: 401, code: 'unauthorized' }),
        { status: 401, headers: { 'content-type': 'application/problem+json' } },
      );
    }
    if (url.pathname === '/api/v1/messages') return Response.json({ messages: relay.messages });
    return new Response('not found', { status: 404 });
  };
}
