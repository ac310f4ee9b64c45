import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSettings } from '../settings.ts';
import { type Rendered, render, settle } from '../testing/render.tsx';
import { OptionsApp } from './options-app.tsx';

let rendered: Rendered | undefined;

beforeEach(() => {
  fakeBrowser.reset();
  // Paired, the page lists the relay's phones (phone-setup.test.tsx): no relay runs here.
  vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
});
afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
  vi.restoreAllMocks();
});

async function renderOptions(): Promise<HTMLElement> {
  rendered = await render(<OptionsApp />);
  await settle(10);
  return rendered.container;
}

function typeInto(input: HTMLInputElement, value: string): void {
  // React listens for the native input event and reads the value through the prototype setter.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('OptionsApp', () => {
  it('shows the pairing and the relay demo as the default auto-fill sites', async () => {
    await browser.storage.local.set({ relayUrl: 'http://127.0.0.1:8787', token: 'tok' });
    const page = await renderOptions();
    expect(page.querySelector('[data-testid="pairing-status"]')?.getAttribute('data-paired')).toBe('true');
    const sites = [...page.querySelectorAll<HTMLElement>('[data-testid="auto-fill-site"]')].map(
      (li) => li.dataset.origin,
    );
    expect(sites).toEqual(['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787']);
    expect(page.querySelector<HTMLInputElement>('[data-testid="submit-after-fill"]')?.checked).toBe(false);
  });

  it('asks for the site’s permission before turning auto-fill on for a web site', async () => {
    const request = vi.spyOn(browser.permissions, 'request').mockResolvedValue(true as never);
    const page = await renderOptions();
    const input = page.querySelector<HTMLInputElement>('[data-testid="auto-fill-sites"] input[type="url"]');
    if (!input) throw new Error('no input');
    await act(async () => typeInto(input, 'https://seller.example.com/login'));
    await act(async () => {
      input.form?.requestSubmit();
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect(request).toHaveBeenCalledWith({ origins: ['https://seller.example.com/*'] });
    expect((await loadSettings()).autoFillOrigins).toContain('https://seller.example.com');
  });

  it('adds nothing when the permission is refused', async () => {
    vi.spyOn(browser.permissions, 'request').mockResolvedValue(false as never);
    const page = await renderOptions();
    const input = page.querySelector<HTMLInputElement>('[data-testid="auto-fill-sites"] input[type="url"]');
    if (!input) throw new Error('no input');
    await act(async () => typeInto(input, 'https://seller.example.com'));
    await act(async () => {
      input.form?.requestSubmit();
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect((await loadSettings()).autoFillOrigins).not.toContain('https://seller.example.com');
    expect(page.querySelector('[role="alert"]')?.textContent).toMatch(/not granted/);
  });

  it('turns submit-after-fill on', async () => {
    const page = await renderOptions();
    await act(async () => {
      page.querySelector<HTMLInputElement>('[data-testid="submit-after-fill"]')?.click();
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect((await loadSettings()).submitAfterFill).toBe(true);
  });
});
