import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { autoFillOriginsOf, DEFAULT_RELAY_URL, loadSettings, resolveSettings, watchSettings } from './settings.ts';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('defaults: the local relay, not paired, auto-fill on for the relay’s own demo, no submit', () => {
    expect(resolveSettings({})).toEqual({
      relayUrl: DEFAULT_RELAY_URL,
      token: '',
      autoFillOrigins: [],
      autoFillRelayDemo: true,
      submitAfterFill: false,
    });
    expect(autoFillOriginsOf(resolveSettings({}))).toEqual([
      'http://127.0.0.1:8787',
      'http://localhost:8787',
      'http://[::1]:8787',
    ]);
  });

  it.each([
    ['the demo follows the relay URL', { relayUrl: 'http://127.0.0.1:40123' }, ['http://127.0.0.1:40123']],
    ['a remote relay has one demo origin', { relayUrl: 'https://relay.example.com' }, ['https://relay.example.com']],
    ['added sites come on top', { autoFillOrigins: ['https://seller.example.com'] }, ['https://seller.example.com']],
    [
      'the demo can be turned off',
      { autoFillRelayDemo: false, autoFillOrigins: ['https://a.test'] },
      ['https://a.test'],
    ],
  ])('auto-fill origins: %s', (_name, stored, expected) => {
    const origins = autoFillOriginsOf(resolveSettings(stored));
    for (const origin of expected) expect(origins).toContain(origin);
    if ('autoFillRelayDemo' in stored) expect(origins).toEqual(expected);
  });

  it.each([
    ['a bad relay URL', { relayUrl: 'not a url' }, { relayUrl: DEFAULT_RELAY_URL }],
    ['a wrong-typed flag', { submitAfterFill: 'yes' }, { submitAfterFill: false }],
    ['a token with spaces from a paste', { token: '  abc  ' }, { token: 'abc' }],
    ['an auto-fill list that is not a list', { autoFillOrigins: 'https://a.test' }, { autoFillOrigins: [] }],
  ])('handles %s', (_name, stored, expected) => {
    expect(resolveSettings(stored)).toMatchObject(expected);
  });

  it('reads what a test harness writes to storage.local and reports changes', async () => {
    const seen = vi.fn();
    watchSettings(seen);
    await browser.storage.local.set({ relayUrl: 'http://127.0.0.1:9000', token: 'tok' });
    await vi.waitFor(() => expect(seen).toHaveBeenCalled());
    expect(await loadSettings()).toMatchObject({ relayUrl: 'http://127.0.0.1:9000', token: 'tok' });
  });
});
