import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_RELAY_URL, loadSettings, resolveSettings, watchSettings } from './settings.ts';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('defaults: the local relay, not paired, auto-fill on for the relay’s own demo, no submit', () => {
    expect(resolveSettings({})).toEqual({
      relayUrl: DEFAULT_RELAY_URL,
      token: '',
      autoFillOrigins: ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787'],
      submitAfterFill: false,
    });
  });

  it.each([
    ['a bad relay URL', { relayUrl: 'not a url' }, { relayUrl: DEFAULT_RELAY_URL }],
    ['a wrong-typed flag', { submitAfterFill: 'yes' }, { submitAfterFill: false }],
    ['a token with spaces from a paste', { token: '  abc  ' }, { token: 'abc' }],
    ['an explicit empty auto-fill list', { autoFillOrigins: [] }, { autoFillOrigins: [] }],
    ['a remote relay', { relayUrl: 'https://relay.example.com' }, { autoFillOrigins: ['https://relay.example.com'] }],
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
