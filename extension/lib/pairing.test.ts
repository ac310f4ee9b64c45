import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pairWithRelay } from './pairing.ts';
import { loadSettings } from './settings.ts';
import { type FakeRelayHttp, fakeRelayFetch } from './testing/fake-relay-fetch.ts';

let relay: FakeRelayHttp;
beforeEach(() => {
  fakeBrowser.reset();
  relay = { up: true, token: 'right-token', messages: [], calls: [] };
});

describe('pairWithRelay', () => {
  it('stores relay and token once the relay accepts the token', async () => {
    const result = await pairWithRelay('http://127.0.0.1:8787/', ' right-token ', fakeRelayFetch(relay));
    expect(result).toEqual({ ok: true, relayUrl: 'http://127.0.0.1:8787' });
    expect(await loadSettings()).toMatchObject({ relayUrl: 'http://127.0.0.1:8787', token: 'right-token' });
    expect(relay.calls).toContain('/api/v1/messages');
  });

  it.each([
    ['a wrong token', 'http://127.0.0.1:8787', 'wrong', {}, 'token', /rejected this token/],
    ['no relay running', 'http://127.0.0.1:8787', 'right-token', { up: false }, 'relayUrl', /No relay answers/],
    ['an empty token', 'http://127.0.0.1:8787', '  ', {}, 'token', /Paste the token/],
    ['a bad address', 'relay please', 'right-token', {}, 'relayUrl', /Enter the relay address/],
  ] as const)('refuses %s and stores nothing', async (_name, url, token, change, field, message) => {
    Object.assign(relay, change);
    const result = await pairWithRelay(url, token, fakeRelayFetch(relay));
    expect(result).toMatchObject({ ok: false, field });
    if (!result.ok) expect(result.message).toMatch(message);
    expect((await loadSettings()).token).toBe('');
  });
});
