import * as OTPAuth from 'otpauth';
import protobuf from 'protobufjs';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pageAt } from '../../registrable-domain.ts';
import { type Rendered, render, settle } from '../../testing/render.tsx';
import { answerSiteQuestions } from '../../testing/site-answers.ts';
import { parseTypedSecret } from '../parse-otpauth-uri.ts';
import { VAULT_KEYS, Vault } from '../vault.ts';
import { AuthenticatorSection } from './authenticator-section.tsx';

const PASSPHRASE = 'a long enough passphrase';
const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PAGE = 'https://seller.lumengoods.example';
let rendered: Rendered | undefined;
const notices: { ok: boolean; text: string }[] = [];

beforeEach(() => {
  fakeBrowser.reset();
  answerSiteQuestions();
  notices.length = 0;
});
afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
  vi.restoreAllMocks();
});

async function vaultWithEntry(): Promise<Vault> {
  const vault = new Vault({ iterations: 1_000 });
  await vault.create(PASSPHRASE);
  const parsed = parseTypedSecret({ secret: KEY, issuer: 'Lumen Goods', label: 'Seller Center' });
  if (!parsed.ok) throw new Error(parsed.message);
  await vault.add([{ params: parsed.params, site: 'lumengoods.example' }]);
  return vault;
}

async function show(activeOrigin: string | null = PAGE): Promise<HTMLElement> {
  rendered = await render(
    <AuthenticatorSection
      activePage={activeOrigin === null ? null : pageAt(activeOrigin)}
      now={Date.now()}
      onNotice={(n) => notices.push(n)}
    />,
  );
  await settle(30);
  const section = rendered.container.querySelector<HTMLElement>('[data-testid="authenticator"]');
  if (!section) throw new Error('no authenticator section');
  return section;
}

const $ = <T extends Element = HTMLElement>(root: Element, testId: string) =>
  root.querySelector<T>(`[data-testid="${testId}"]`);

async function type(input: HTMLInputElement | null, value: string): Promise<void> {
  if (!input) throw new Error('no input');
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit(form: HTMLFormElement | null, waitMs = 50): Promise<void> {
  await act(async () => form?.requestSubmit());
  await settle(waitMs);
}

async function click(button: HTMLElement | null, waitMs = 30): Promise<void> {
  await act(async () => button?.click());
  await settle(waitMs);
}

describe('AuthenticatorSection', () => {
  it('offers to set up a passphrase; a short one is refused, a good one opens the add form', async () => {
    const section = await show();
    expect(section.dataset.status).toBe('none');
    await click($(section, 'setup-button'));
    const form = $<HTMLFormElement>(section, 'create-form');
    await type(form?.querySelector('input[name="passphrase"]') ?? null, 'short');
    await type(form?.querySelector('input[name="again"]') ?? null, 'short');
    await submit(form);
    expect($(section, 'passphrase-error')?.textContent).toMatch(/at least 8 characters/);
    await type(form?.querySelector('input[name="passphrase"]') ?? null, PASSPHRASE);
    await type(form?.querySelector('input[name="again"]') ?? null, PASSPHRASE);
    // The real KDF (600,000 rounds) runs here.
    await submit(form);
    await vi.waitFor(() => expect(section.dataset.status).toBe('unlocked'), { timeout: 10_000 });
    // The add form is loaded on first use (a chunk of its own): it shows once that chunk is in.
    await vi.waitFor(() => expect($(section, 'add-entry')).not.toBeNull());
  });

  it('locked: a wrong passphrase says so and stays locked; the right one shows the codes', async () => {
    await (await vaultWithEntry()).lock();
    const section = await show();
    expect(section.dataset.status).toBe('locked');
    expect($(section, 'totp-row')).toBeNull();
    const form = $<HTMLFormElement>(section, 'unlock-form');
    await type(form?.querySelector('input[name="passphrase"]') ?? null, 'not the passphrase');
    await submit(form);
    await vi.waitFor(() =>
      expect($(section, 'passphrase-error')?.textContent).toBe('Wrong passphrase. Nothing was changed.'),
    );
    expect(section.dataset.status).toBe('locked');
    await type(form?.querySelector('input[name="passphrase"]') ?? null, PASSPHRASE);
    await submit(form);
    await vi.waitFor(() => expect(section.dataset.status).toBe('unlocked'));
    // The code maker is loaded once there are codes to show (lib/authenticator/totp-code.ts, a chunk of its own).
    await vi.waitFor(() => expect($(section, 'totp-row')).not.toBeNull());
    // The code of this period; across a period's edge the row shows the new one at its next tick.
    await vi.waitFor(() =>
      expect($(section, 'totp-row')?.dataset.code).toBe(
        OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(KEY) }),
      ),
    );
    const row = $(section, 'totp-row');
    expect(Number(row?.dataset.remaining)).toBeGreaterThan(0);
    expect(Number(row?.dataset.remaining)).toBeLessThanOrEqual(30);
    expect(row?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuemax')).toBe('30');
    expect($(section, 'totp-name')?.textContent).toBe('Lumen Goods (Seller Center)');
  });

  it('fills through the background on its site, and says why not elsewhere', async () => {
    await vaultWithEntry();
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue({ ok: true, message: 'Filled.' } as never);
    let section = await show();
    const row = $(section, 'totp-row');
    expect($<HTMLButtonElement>(section, 'totp-fill')?.disabled).toBe(false);
    await click($(section, 'totp-fill'));
    expect(send).toHaveBeenCalledWith({ type: 'otp-relay/fill-authenticator', entryId: row?.dataset.entryId });
    expect(notices.at(-1)).toEqual({ ok: true, text: 'Filled.' });
    await rendered?.unmount();

    section = await show('http://seller.lumengoods.example');
    expect($<HTMLButtonElement>(section, 'totp-fill')?.disabled).toBe(true);
    expect($(section, 'totp-fill-reason')?.textContent).toBe(
      'For https pages of lumengoods.example only; this tab is http://seller.lumengoods.example.',
    );
  });

  it('reminds plainly until a first backup exists', async () => {
    await vaultWithEntry();
    const section = await show();
    expect($(section, 'backup-reminder')?.textContent).toMatch(/only in this browser/);
    await act(async () => browser.storage.local.set({ [VAULT_KEYS.backedUpAt]: Date.now() }));
    await settle(30);
    expect($(section, 'backup-reminder')).toBeNull();
  });

  it('reminds while locked too, until a first backup', async () => {
    await (await vaultWithEntry()).lock();
    const section = await show();
    expect(section.dataset.status).toBe('locked');
    expect($(section, 'backup-reminder')?.textContent).toMatch(/make a backup file/);
  });

  it('adds a pasted otpauth link for the tab’s site, which the seller may edit', async () => {
    const vault = new Vault({ iterations: 1_000 });
    await vault.create(PASSPHRASE);
    const section = await show('https://seller-us.tiktok.com');
    await click($(section, 'add-entry-button'));
    await type($(section, 'paste-link'), `otpauth://totp/TikTok%20Shop:seller?secret=${KEY}&digits=8`);
    await submit($(section, 'paste-link')?.closest('form') ?? null);
    const site = $<HTMLInputElement>(section, 'candidate-site');
    expect(site?.value).toBe('tiktok.com');
    expect($(section, 'candidate-name')?.textContent).toBe('TikTok Shop (seller)');
    await type(site, 'not a site');
    await submit($<HTMLFormElement>(section, 'confirm-entries'));
    expect($(section, 'add-error')?.textContent).toMatch(/is not a site/);
    await type(site, 'https://seller-us.tiktok.com/account');
    await submit($<HTMLFormElement>(section, 'confirm-entries'));
    await vi.waitFor(() => expect($(section, 'totp-row')?.dataset.site).toBe('tiktok.com'));
    expect($(section, 'totp-row')?.dataset.code).toMatch(/^\d{8}$/);
    expect(notices.at(-1)?.text).toBe('Added TikTok Shop (seller) for tiktok.com.');
  });

  it('imports a Google Authenticator export link, asking the site of each account', async () => {
    const vault = new Vault({ iterations: 1_000 });
    await vault.create(PASSPHRASE);
    const Payload = protobuf
      .parse(`syntax = "proto3"; message P { message O { bytes secret = 1; string name = 2;
      string issuer = 3; int32 algorithm = 4; int32 digits = 5; int32 type = 6; } repeated O otp_parameters = 1; }`)
      .root.lookupType('P');
    const bytes = Payload.encode(
      Payload.fromObject({
        otpParameters: [
          {
            secret: Buffer.from('first secret key!!'),
            name: 'seller',
            issuer: 'Lumen Goods',
            algorithm: 1,
            digits: 1,
            type: 2,
          },
          { secret: Buffer.from('second secret key!'), name: 'me', issuer: 'Shopee', algorithm: 2, digits: 2, type: 2 },
        ],
      }),
    ).finish();
    const section = await show();
    await click($(section, 'add-entry-button'));
    await type(
      $(section, 'paste-link'),
      `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`,
    );
    await submit($(section, 'paste-link')?.closest('form') ?? null);
    const sites = [...section.querySelectorAll<HTMLInputElement>('[data-testid="candidate-site"]')];
    expect(sites.map((s) => s.value)).toEqual(['', '']);
    await type(sites[0] ?? null, 'lumengoods.example');
    await submit($<HTMLFormElement>(section, 'confirm-entries'));
    await vi.waitFor(() => expect(section.querySelectorAll('[data-testid="totp-row"]')).toHaveLength(2));
    const rows = [...section.querySelectorAll<HTMLElement>('[data-testid="totp-row"]')];
    expect(
      rows.map((r) => [r.querySelector('[data-testid="totp-name"]')?.textContent, r.dataset.site ?? null]),
    ).toEqual([
      ['Lumen Goods (seller)', 'lumengoods.example'],
      ['Shopee (me)', null],
    ]);
    expect(rows[1]?.querySelector<HTMLButtonElement>('[data-testid="totp-fill"]')?.disabled).toBe(true);
  });

  it('locks on Lock', async () => {
    await vaultWithEntry();
    const section = await show();
    await click($(section, 'lock-button'));
    await vi.waitFor(() => expect(section.dataset.status).toBe('locked'));
    expect($(section, 'totp-row')).toBeNull();
    expect(await browser.storage.session.get(VAULT_KEYS.key)).toEqual({});
  });
});
