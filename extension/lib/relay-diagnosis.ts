import { RelayError } from '@otp-relay/shared/errors';
import { listMessages } from '@otp-relay/shared/messages-api';
import { RelayHttp } from '@otp-relay/shared/relay-http';
import type { ConnectionStatus } from './connection-status.ts';

export type Diagnosis = Extract<ConnectionStatus, 'unreachable' | 'token-rejected' | 'refused'> | 'ok';

/**
 * Why the stream keeps failing. A browser WebSocket reports every failed upgrade the same way (close 1006),
 * so we ask over HTTP: is anything there (/healthz, no token), and does it take our token (/api/v1/messages).
 * 'ok' means HTTP works with the token, so the socket itself is the problem (or it was a blip).
 */
export async function diagnoseRelay(relayUrl: string, token: string, fetchFn?: typeof fetch): Promise<Diagnosis> {
  // Bound: Chrome's fetch called as a method of another object (RelayHttp keeps it in a field) throws
  // "Illegal invocation", which looked exactly like an unreachable relay.
  const doFetch = fetchFn ?? globalThis.fetch.bind(globalThis);
  try {
    const health = await doFetch(new URL('/healthz', relayUrl), { signal: AbortSignal.timeout(5_000) });
    if (!health.ok && health.status !== 403) return 'unreachable';
  } catch {
    return 'unreachable';
  }
  try {
    await listMessages(new RelayHttp({ url: relayUrl, token, fetch: doFetch }), { limit: 1 });
    return 'ok';
  } catch (error) {
    if (error instanceof RelayError) {
      // relay_unproven: what answers does not know our token. A relay with another token and a program squatting
      // on its port look alike from here (neither can prove our token), and neither gets anything from us.
      if (error.code === 'unauthorized' || error.code === 'relay_unproven') return 'token-rejected';
      if (error.code === 'forbidden_host' || error.code === 'forbidden_origin') return 'refused';
    }
    return 'unreachable';
  }
}
