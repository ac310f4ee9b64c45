import { afterEach, describe, expect, it, vi } from 'vitest';
import { diagnoseRelay } from './relay-diagnosis.ts';
import { type FakeRelayHttp, fakeRelayFetch } from './testing/fake-relay-fetch.ts';

const RELAY = 'http://127.0.0.1:8787';

afterEach(() => vi.unstubAllGlobals());

describe('diagnoseRelay', () => {
  it.each([
    ['nothing listening', { up: false }, 'unreachable'],
    ['a token the relay does not know', { token: 'other' }, 'token-rejected'],
    ['HTTP fine with our token', {}, 'ok'],
  ] as const)('%s → %s', async (_name, change, expected) => {
    const relay: FakeRelayHttp = { up: true, token: 'ours', messages: [], calls: [], ...change };
    expect(await diagnoseRelay(RELAY, 'ours', fakeRelayFetch(relay))).toBe(expected);
  });

  it('calls the global fetch bound to the global object (Chrome throws "Illegal invocation" otherwise)', async () => {
    const relay: FakeRelayHttp = { up: true, token: 'other', messages: [], calls: [] };
    const answer = fakeRelayFetch(relay);
    vi.stubGlobal('fetch', function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      if (this !== globalThis && this !== undefined) throw new TypeError('Illegal invocation');
      return answer(input, init);
    });
    expect(await diagnoseRelay(RELAY, 'ours')).toBe('token-rejected');
  });
});
