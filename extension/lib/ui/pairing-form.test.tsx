import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSettings } from '../settings.ts';
import { type FakeRelayHttp, fakeRelayFetch } from '../testing/fake-relay-fetch.ts';
import { type Rendered, render } from '../testing/render.tsx';
import { PairingForm } from './pairing-form.tsx';

let rendered: Rendered | undefined;
let relay: FakeRelayHttp;

beforeEach(() => {
  fakeBrowser.reset();
  relay = { up: true, token: 'printed-token', messages: [], calls: [] };
  vi.stubGlobal('fetch', fakeRelayFetch(relay));
});
afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
  vi.unstubAllGlobals();
});

async function submitToken(token: string, onPaired = vi.fn()) {
  rendered = await render(<PairingForm defaultRelayUrl="http://127.0.0.1:8787" onPaired={onPaired} />);
  const form = rendered.container.querySelector<HTMLFormElement>('[data-testid="pairing-form"]');
  const input = form?.querySelector<HTMLInputElement>('input[name="token"]');
  if (!form || !input) throw new Error('no form');
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, token);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => {
    form.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  return { form, onPaired };
}

describe('PairingForm', () => {
  it('pairs in one step: checks the pasted token with the relay, then stores it', async () => {
    const { onPaired } = await submitToken('printed-token');
    // The pairing call is loaded on submit (a paired popup never runs it): wait for its answer.
    await vi.waitFor(() => expect(onPaired).toHaveBeenCalledWith('http://127.0.0.1:8787'));
    expect(await loadSettings()).toMatchObject({ relayUrl: 'http://127.0.0.1:8787', token: 'printed-token' });
  });

  it('says why and stores nothing when the relay rejects the token', async () => {
    const { form, onPaired } = await submitToken('typo');
    await vi.waitFor(() =>
      expect(form.querySelector('[data-testid="pairing-error"]')?.textContent).toMatch(/rejected this token/),
    );
    expect(onPaired).not.toHaveBeenCalled();
    expect(form.querySelector('input[name="token"]')?.getAttribute('aria-invalid')).toBe('true');
    expect((await loadSettings()).token).toBe('');
  });
});
