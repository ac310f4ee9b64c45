import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exportBackup, importBackup, savedMessage } from './backup-file.ts';
import { parseTypedSecret } from './parse-otpauth-uri.ts';
import { currentCode } from './totp-code.ts';
import { VAULT_KEYS, Vault } from './vault.ts';

const NOW = 1_800_000_000_000;
const vault = () => new Vault({ now: () => NOW, iterations: 1_000 });

function params(
  secret: string,
  issuer: string,
  options: { digits?: number; period?: number; algorithm?: string } = {},
) {
  const parsed = parseTypedSecret({ secret, issuer, label: 'seller', ...options });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.params;
}

async function codesOf(v: Vault, at: number) {
  return ((await v.entries()) ?? []).map((e) => [e.issuer, e.site, currentCode(e, '', at).code]);
}

/** A browser profile with nothing in it: what a new computer, or a reinstalled extension, has. */
function freshProfile(): void {
  fakeBrowser.reset();
}

beforeEach(() => fakeBrowser.reset());

describe('backup file', () => {
  async function filledVault() {
    const v = vault();
    await v.create('my authenticator passphrase');
    await v.add([
      { params: params('JBSWY3DPEHPK3PXP', 'Lumen Goods'), site: 'lumengoods.example' },
      {
        params: params('KRSXG5CTMVRXEZLUKRSXG5CT', 'TikTok Shop', { digits: 8, algorithm: 'SHA512' }),
        site: 'tiktok.com',
      },
      { params: params('MFRGGZDFMZTWQ2LKNNWG23TP', 'Bank', { period: 60, algorithm: 'SHA256' }), site: null },
    ]);
    return v;
  }

  it('export → fresh profile → import with the same passphrase gives the same codes', async () => {
    const source = await filledVault();
    const before = await codesOf(source, NOW + 12_345);
    const file = await exportBackup(source, NOW);
    if (!file.ok) throw new Error(file.message);
    expect(file.fileName).toBe('otp-relay-authenticator-2027-01-15.json');
    expect(file.text).not.toContain('JBSWY3DPEHPK3PXP');
    expect(file.text).not.toContain('Lumen');
    expect(await browser.storage.local.get(VAULT_KEYS.backedUpAt)).toEqual({ [VAULT_KEYS.backedUpAt]: NOW });

    freshProfile();
    const target = vault();
    await target.create('a new passphrase on the new computer');
    expect(await importBackup(target, file.text, 'my authenticator passphrase')).toEqual({
      ok: true,
      added: 3,
      duplicates: 0,
      message: 'Imported 3 entries.',
    });
    expect(await codesOf(target, NOW + 12_345)).toEqual(before);
    // Importing it again adds nothing twice.
    expect(await importBackup(target, file.text, 'my authenticator passphrase')).toMatchObject({
      added: 0,
      duplicates: 3,
      message: 'Imported 0 entries (3 already here).',
    });
  });

  it('a file sealed with another passphrase opens with that one only', async () => {
    const source = await filledVault();
    const file = await exportBackup(source, NOW, 'a passphrase just for the file');
    if (!file.ok) throw new Error(file.message);
    freshProfile();
    const target = vault();
    await target.create('yet another passphrase');
    const wrong = await importBackup(target, file.text, 'my authenticator passphrase');
    expect(wrong).toEqual({
      ok: false,
      reason: 'wrong-passphrase',
      message: 'Wrong passphrase for that backup file. Nothing was imported.',
    });
    expect(await target.entries()).toEqual([]);
    expect(await importBackup(target, file.text, 'a passphrase just for the file')).toMatchObject({
      ok: true,
      added: 3,
    });
  });

  it('refuses what is not a backup, and a locked authenticator', async () => {
    const v = await filledVault();
    expect(await importBackup(v, '{"hello":1}', 'x')).toMatchObject({ ok: false, message: /not an otp-relay/ });
    expect(await importBackup(v, 'garbage', 'x')).toMatchObject({ ok: false, message: /not an otp-relay/ });
    await v.lock();
    expect(await exportBackup(v, NOW)).toMatchObject({ ok: false, reason: 'locked' });
  });
});

describe('savedMessage', () => {
  it('counts one entry as one entry, not “1 entries”', () => {
    expect(savedMessage('otp-relay-authenticator-2027-01-15.json', 1)).toBe(
      'Saved otp-relay-authenticator-2027-01-15.json (1 entry). Keep it somewhere other than this computer.',
    );
    expect(savedMessage('b.json', 0)).toContain('(0 entries)');
    expect(savedMessage('b.json', 3)).toContain('(3 entries)');
  });
});
