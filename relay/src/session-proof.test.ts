import { PROOF_HEADER, RelayClient, RelayError, sessionKey, tokenProof } from '@otp-relay/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';

/*
 * Issue 13 item 1 over HTTP: RelayClient (and so the extension) never sends the token. It opens a session in
 * which the relay proves the token first, signs each request with the derived key, and uses no answer without
 * the relay's proof on it.
 */

let t: TestRelay | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that records what goes out (and may change it), then really sends it. */
function recordingFetch(seen: Seen[], tamper?: (request: Seen) => Seen): typeof fetch {
  return async (input, init) => {
    let request: Seen = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? init.body : '',
    };
    seen.push(request);
    if (tamper) request = tamper(request);
    return fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === '' ? {} : { body: request.body }),
    });
  };
}

describe('HTTP sessions: the token is proved, never sent', () => {
  it('RelayClient works end to end and not one request carries the token', async () => {
    t = await startTestRelay();
    const seen: Seen[] = [];
    const client = new RelayClient({ url: t.relay.url, token: t.relay.token, fetch: recordingFetch(seen) });
    const created = await client.createVerification(smsRequest());
    const message = await client.waitForMessage({ to: smsRequest().to });
    expect((await client.check(created.id, message.code)).valid).toBe(true);
    expect(await client.listMessages()).toEqual([]);
    expect(seen[0]).toMatchObject({ method: 'POST', url: `${t.relay.url}/api/v1/session` });
    expect(seen.length).toBeGreaterThan(3);
    expect(JSON.stringify(seen)).not.toContain(t.relay.token);
    for (const request of seen.slice(1)) expect(request.headers.authorization).toMatch(/^OTP-Relay-Session nc=/);
  });

  it('the relay’s answer to the handshake is its proof on both nonces, and each answer carries a proof', async () => {
    t = await startTestRelay();
    const clientNonce = 'ab'.repeat(16);
    const answer = await t.api('POST', '/api/v1/session', { clientNonce }, { authorization: '' });
    expect(answer.status).toBe(200);
    const { relayNonce, relayProof } = answer.body;
    expect(relayProof).toBe(tokenProof(t.relay.token, 'session relay', clientNonce, relayNonce));
    const key = sessionKey(t.relay.token, clientNonce, relayNonce);
    const n = 'cd'.repeat(16);
    const mac = tokenProof(key, 'request', 'GET', '/api/v1/messages', n, emptyDigest());
    const signed = await fetch(`${t.relay.url}/api/v1/messages`, {
      headers: { authorization: `OTP-Relay-Session nc=${clientNonce}, nr=${relayNonce}, n=${n}, mac=${mac}` },
    });
    const text = await signed.text();
    expect(signed.status).toBe(200);
    const digest = await sha256Hex(text);
    expect(signed.headers.get(PROOF_HEADER)).toBe(tokenProof(key, 'response', mac, '200', digest));
  });

  it.each([
    ['a body changed after signing', (r: Seen) => ({ ...r, body: r.body.replace('login', 'signup') })],
    [
      'another path than the one signed',
      (r: Seen) => ({ ...r, url: r.url.replace('/api/v1/verifications', '/api/v1/inbound') }),
    ],
    [
      'the method changed',
      (r: Seen) => ({ ...r, method: 'PUT', url: r.url.replace('/api/v1/verifications', '/api/v1/chaos') }),
    ],
  ])('refuses a signed request with %s (401), and the client sees a proved refusal', async (_name, change) => {
    t = await startTestRelay();
    const seen: Seen[] = [];
    const tamper = (request: Seen) => (request.url.endsWith('/api/v1/session') ? request : change(request));
    const client = new RelayClient({ url: t.relay.url, token: t.relay.token, fetch: recordingFetch(seen, tamper) });
    const error = await client.createVerification(smsRequest()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelayError);
    expect((error as RelayError).code).toBe('unauthorized');
    expect(t.relay.snapshot().verifications).toEqual([]); // nothing was done on a request that did not check out
  });

  it('a session dies with the relay process; the client opens a new one after a restart without a word', async () => {
    t = await startTestRelay();
    const { token } = t.relay;
    const port = Number(new URL(t.relay.url).port);
    const seen: Seen[] = [];
    const client = new RelayClient({ url: t.relay.url, token, fetch: recordingFetch(seen) });
    await client.listMessages();
    const recorded = seen.at(-1) as Seen;
    await t.close();
    t = await startTestRelay({ port, token });
    // The request recorded from the old process, replayed as it was: refused.
    const replayed = await once(() => fetch(recorded.url, { headers: recorded.headers }));
    expect(replayed.status).toBe(401);
    await once(() => client.listMessages());
    expect(seen.filter((r) => r.url.endsWith('/api/v1/session'))).toHaveLength(2);
  });
});

/** Node's fetch may first pick a kept-alive socket of the relay that stopped ("other side closed"): once more. */
async function once<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return call();
  }
}

function emptyDigest(): string {
  return 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
}
async function sha256Hex(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
