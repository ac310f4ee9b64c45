import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseTypedSecret } from './parse-otpauth-uri.ts';
import { KDF_ITERATIONS } from './sealed-box.ts';
import { currentCode } from './totp-code.ts';
import type { TotpParams } from './totp-params.ts';
import { VAULT_KEYS, Vault } from './vault.ts';

const PASSPHRASE = 'correct horse battery staple';
const KEY = 'JBSWY3DPEHPK3PXP';

function params(secret = KEY, issuer = 'Lumen Goods'): TotpParams {
  const parsed = parseTypedSecret({ secret, issuer, label: 'Seller Center' });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.params;
}

let now = 1_800_000_000_000;
const clock = () => now;
/** Fewer KDF rounds than a real vault, so the many unlocks here stay fast; the first test checks the real one. */
const fastVault = () => new Vault({ now: clock, iterations: 1_000 });

async function storedVault(): Promise<unknown> {
  return (await browser.storage.local.get(VAULT_KEYS.vault))[VAULT_KEYS.vault];
}

beforeEach(() => {
  fakeBrowser.reset();
  now = 1_800_000_000_000;
});

describe('Vault', () => {
  it('keeps secrets encrypted at rest with PBKDF2-SHA256 at 600,000 iterations and AES-GCM', async () => {
    const vault = new Vault({ now: clock });
    expect(await vault.status()).toBe('none');
    expect(await vault.create(PASSPHRASE)).toMatchObject({ ok: true });
    await vault.add([{ params: params(), site: 'lumengoods.example' }]);
    const stored = JSON.stringify(await browser.storage.local.get(null));
    expect(stored).not.toContain(KEY);
    expect(stored).not.toContain('Lumen Goods');
    expect(stored).not.toContain('lumengoods.example');
    expect(await storedVault()).toMatchObject({
      kdf: { name: 'PBKDF2-SHA256', iterations: KDF_ITERATIONS },
      cipher: { name: 'AES-256-GCM' },
    });
    expect(KDF_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    // Unlocked for the session: the key is in storage.session (trusted contexts only), never the passphrase.
    const session = JSON.stringify(await browser.storage.session.get(null));
    expect(session).not.toContain(PASSPHRASE);
    expect(await vault.status()).toBe('unlocked');
  });

  it('refuses a short first passphrase', async () => {
    const vault = fastVault();
    expect(await vault.create('short')).toMatchObject({ ok: false, reason: 'weak-passphrase' });
    expect(await vault.status()).toBe('none');
  });

  it('locks and unlocks; a wrong passphrase changes nothing and says so', async () => {
    const vault = fastVault();
    await vault.create(PASSPHRASE);
    await vault.add([{ params: params(), site: 'lumengoods.example' }]);
    const before = await storedVault();
    await vault.lock();
    expect(await vault.status()).toBe('locked');
    expect(await vault.entries()).toBeNull();
    expect(await vault.add([{ params: params('KRSXG5CTMVRXEZLU'), site: null }])).toMatchObject({ reason: 'locked' });

    expect(await vault.unlock('correct horse battery stapler')).toEqual({
      ok: false,
      reason: 'wrong-passphrase',
      message: 'Wrong passphrase. Nothing was changed.',
    });
    expect(await vault.status()).toBe('locked');
    expect(await storedVault()).toEqual(before);
    expect(await browser.storage.session.get(VAULT_KEYS.key)).toEqual({});

    expect(await vault.unlock(PASSPHRASE)).toMatchObject({ ok: true });
    const entries = await vault.entries();
    expect(entries?.map((e) => [e.issuer, e.site])).toEqual([['Lumen Goods', 'lumengoods.example']]);
  });

  it('locks again after the idle time the seller set; each use starts it again', async () => {
    const vault = fastVault();
    await browser.storage.local.set({ [VAULT_KEYS.idleMinutes]: 5 });
    await vault.create(PASSPHRASE);
    now += 4 * 60_000;
    await vault.touch();
    now += 4 * 60_000;
    expect(await vault.status()).toBe('unlocked');
    expect(await vault.lockIfIdle()).toBe(false);
    now += 60_000;
    expect(await vault.lockIfIdle()).toBe(true);
    expect(await browser.storage.session.get(VAULT_KEYS.key)).toEqual({});
    expect(await vault.status()).toBe('locked');
  });

  it('wipes an idle key on any read, with no alarm needed', async () => {
    const vault = fastVault();
    await vault.create(PASSPHRASE);
    now += 15 * 60_000; // the default idle time
    expect(await vault.entries()).toBeNull();
    expect(await browser.storage.session.get(VAULT_KEYS.key)).toEqual({});
  });

  it('stays unlocked until the browser closes when the idle time is off', async () => {
    const vault = fastVault();
    await browser.storage.local.set({ [VAULT_KEYS.idleMinutes]: 0 });
    await vault.create(PASSPHRASE);
    now += 24 * 60 * 60_000;
    expect(await vault.status()).toBe('unlocked');
    // The browser closes: storage.session is gone.
    await browser.storage.session.clear();
    expect(await vault.status()).toBe('locked');
  });

  it('adds, skips the same key twice, rebinds a site and removes', async () => {
    const vault = fastVault();
    await vault.create(PASSPHRASE);
    const first = await vault.add([{ params: params(), site: 'lumengoods.example' }]);
    if (!first.ok) throw new Error(first.message);
    const again = await vault.add([
      { params: params(), site: 'other.example' },
      { params: params('KRSXG5CTMVRXEZLU', 'Bank'), site: null },
    ]);
    expect(again).toMatchObject({ ok: true, duplicates: 1 });
    const [entry] = first.added;
    if (!entry) throw new Error('none added');
    expect(await vault.setSite(entry.id, 'tiktok.com')).toMatchObject({ ok: true });
    expect((await vault.entries())?.map((e) => [e.issuer, e.site])).toEqual([
      ['Lumen Goods', 'tiktok.com'],
      ['Bank', null],
    ]);
    expect(await vault.remove(entry.id)).toMatchObject({ ok: true });
    expect((await vault.entries())?.map((e) => e.issuer)).toEqual(['Bank']);
    expect(await vault.remove(entry.id)).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('gives the same codes after a lock and unlock', async () => {
    const vault = fastVault();
    await vault.create(PASSPHRASE);
    await vault.add([{ params: params(), site: 'lumengoods.example' }]);
    const codes = async () => (await vault.entries())?.map((e) => currentCode(e, '', now).code);
    const before = await codes();
    await vault.lock();
    await vault.unlock(PASSPHRASE);
    expect(await codes()).toEqual(before);
    expect(before?.[0]).toMatch(/^\d{6}$/);
  });
});
