import { z } from 'zod';
import { deriveKey, newKdfParams, open, SealedBoxSchema, seal } from './sealed-box.ts';
import { AuthenticatorEntrySchema, type TotpParams } from './totp-params.ts';
import type { Vault, VaultResult } from './vault.ts';

/*
 * The backup file: every entry (key, settings, site), sealed like the vault (sealed-box.ts) but as a file of its
 * own, so the seller can keep it anywhere. It is sealed with the authenticator's passphrase or with another one
 * chosen for the file, and opened with whichever was used, into this or any other browser's authenticator.
 */
export const BACKUP_FORMAT = 'otp-relay-authenticator-backup';
const BACKUP_PURPOSE = 'otp-relay authenticator backup v1';

const BackupFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  box: SealedBoxSchema,
});
const BackupContentSchema = z.strictObject({ entries: z.array(AuthenticatorEntrySchema) });

/** "1 entry", "2 entries". */
function entries(count: number): string {
  return `${count} ${count === 1 ? 'entry' : 'entries'}`;
}

/** What the options page says once the backup file is saved. */
export function savedMessage(fileName: string, count: number): string {
  return `Saved ${fileName} (${entries(count)}). Keep it somewhere other than this computer.`;
}

export type ExportResult = { ok: true; fileName: string; text: string; count: number } | (VaultResult & { ok: false });

/**
 * The backup file's text. `passphrase`: seal it with that one instead of the authenticator's own (which the
 * unlocked session key stands for; the passphrase itself is never kept).
 */
export async function exportBackup(vault: Vault, now: number, passphrase?: string): Promise<ExportResult> {
  const unlocked = await vault.unlocked();
  if (!unlocked) return { ok: false, reason: 'locked', message: 'Unlock the authenticator to back it up.' };
  let key = unlocked.key;
  let kdf = unlocked.box.kdf;
  if (passphrase !== undefined) {
    kdf = newKdfParams(kdf.iterations);
    key = await deriveKey(passphrase, kdf);
  }
  const box = await seal({ entries: unlocked.entries }, key, kdf, BACKUP_PURPOSE);
  const createdAt = new Date(now).toISOString();
  const text = `${JSON.stringify({ format: BACKUP_FORMAT, version: 1, createdAt, box }, null, 2)}\n`;
  await vault.markBackedUp();
  return {
    ok: true,
    fileName: `otp-relay-authenticator-${createdAt.slice(0, 10)}.json`,
    text,
    count: unlocked.entries.length,
  };
}

export type ImportResult =
  | { ok: true; added: number; duplicates: number; message: string }
  | (VaultResult & { ok: false });

/** Adds a backup file's entries to the (unlocked) authenticator; a wrong passphrase adds nothing and says so. */
export async function importBackup(vault: Vault, fileText: string, passphrase: string): Promise<ImportResult> {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch {
    json = null;
  }
  const file = BackupFileSchema.safeParse(json);
  if (!file.success)
    return { ok: false, reason: 'not-found', message: 'That file is not an otp-relay authenticator backup.' };
  const key = await deriveKey(passphrase, file.data.box.kdf);
  const opened = await open(file.data.box, key, BACKUP_PURPOSE);
  if (opened === null)
    return {
      ok: false,
      reason: 'wrong-passphrase',
      message: 'Wrong passphrase for that backup file. Nothing was imported.',
    };
  const content = BackupContentSchema.safeParse(opened);
  if (!content.success) return { ok: false, reason: 'not-found', message: 'That backup file is damaged.' };
  const accounts = content.data.entries.map(({ id: _id, site, addedAt: _addedAt, ...params }) => ({
    params: params satisfies TotpParams,
    site,
  }));
  const result = await vault.add(accounts);
  if (!result.ok) return result;
  const { added, duplicates } = result;
  const already = duplicates > 0 ? ` (${duplicates} already here)` : '';
  return {
    ok: true,
    added: added.length,
    duplicates,
    message: `Imported ${entries(added.length)}${already}.`,
  };
}
