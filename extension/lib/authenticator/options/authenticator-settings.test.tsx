import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Rendered, render, settle } from '../../testing/render.tsx';
import { answerSiteQuestions } from '../../testing/site-answers.ts';
import { parseTypedSecret } from '../parse-otpauth-uri.ts';
import { idleMinutes, Vault } from '../vault.ts';
import { AuthenticatorSettings } from './authenticator-settings.tsx';

let rendered: Rendered | undefined;
beforeEach(() => {
  fakeBrowser.reset();
  answerSiteQuestions();
});
afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
});

async function show(): Promise<HTMLElement> {
  rendered = await render(<AuthenticatorSettings />);
  await settle(30);
  const section = rendered.container.querySelector<HTMLElement>('[data-testid="authenticator-settings"]');
  if (!section) throw new Error('no section');
  return section;
}

describe('AuthenticatorSettings', () => {
  it('sets the idle time the authenticator locks after (default 15 minutes)', async () => {
    const section = await show();
    const select = section.querySelector<HTMLSelectElement>('[data-testid="idle-minutes"]');
    expect(select?.value).toBe('15');
    expect([...(select?.options ?? [])].map((o) => o.textContent)).toContain('only when the browser closes');
    await act(async () => {
      if (!select) return;
      select.value = '5';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle(30);
    expect(await idleMinutes(browser.storage.local)).toBe(5);
  });

  it('asks to unlock before backups and edits; then lets the seller rebind an entry’s site', async () => {
    const vault = new Vault({ iterations: 1_000 });
    await vault.create('a long enough passphrase');
    const parsed = parseTypedSecret({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Lumen Goods' });
    if (!parsed.ok) throw new Error(parsed.message);
    await vault.add([{ params: parsed.params, site: 'lumengoods.example' }]);
    await vault.lock();
    let section = await show();
    expect(section.dataset.status).toBe('locked');
    expect(section.querySelector('[data-testid="unlock-form"]')).not.toBeNull();
    expect(section.querySelector('[data-testid="backup-export"]')).toBeNull();
    await rendered?.unmount();

    await vault.unlock('a long enough passphrase');
    section = await show();
    const input = section.querySelector<HTMLInputElement>('input[aria-label="Site for Lumen Goods"]');
    expect(input?.value).toBe('lumengoods.example');
    await act(async () => {
      if (!input) return;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, 'seller-us.tiktok.com');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => input?.closest('form')?.requestSubmit());
    await settle(50);
    expect((await vault.entries())?.map((e) => e.site)).toEqual(['tiktok.com']);
    expect(section.querySelector('[data-testid="authenticator-notice"]')?.textContent).toBe(
      'Lumen Goods: Now filled on tiktok.com.',
    );
  });
});
