import { browser } from 'wxt/browser';
import { z } from 'zod';
import {
  deriveKey,
  fromBase64,
  type KdfParams,
  newKdfParams,
  open,
  type SealedBox,
  SealedBoxSchema,
  seal,
  toBase64,
} from './sealed-box.ts';
import { type AuthenticatorEntry, AuthenticatorEntrySchema, sameKey, type TotpParams } from './totp-params.ts';

/*
 * The authenticator's entries, encrypted at rest in storage.local (sealed-box.ts says how). Unlocking derives
 * the key from the passphrase and keeps it in storage.session: gone when the browser closes, and readable only by
 * the extension's own pages and worker (restrict-storage.ts sets TRUSTED_CONTEXTS on every worker start; the
 * injected autofill script is sent a code, never the key). Every read checks the idle time first: past it, the
 * key is wiped and the vault is locked, whichever context looks first (popup, options or worker; the worker's
 * 30-second alarm looks too, so a key does not outstay the idle time by more than that with nobody looking).
 */
export const VAULT_KEYS = {
  vault: 'authenticatorVault',
  idleMinutes: 'authenticatorIdleMinutes',
  backedUpAt: 'authenticatorBackedUpAt',
  /** storage.session */
  key: 'authenticatorKey',
} as const;

export const VAULT_PURPOSE = 'otp-relay authenticator vault v1';
export const DEFAULT_IDLE_MINUTES = 15;
/** The choices the options page offers; 0: only when the browser closes. */
export const IDLE_CHOICES = [5, 15, 30, 60, 240, 0] as const;
export const MIN_PASSPHRASE_LENGTH = 8;

const SessionKeySchema = z.strictObject({ key: z.base64(), salt: z.base64(), lastUsedAt: z.number() });
type SessionKey = z.infer<typeof SessionKeySchema>;
const VaultContentSchema = z.strictObject({ entries: z.array(AuthenticatorEntrySchema) });

export type VaultStatus = 'none' | 'locked' | 'unlocked';
export type VaultResult = { ok: true; message: string } | { ok: false; reason: VaultRefusal; message: string };
export type VaultRefusal = 'wrong-passphrase' | 'weak-passphrase' | 'exists' | 'locked' | 'no-vault' | 'not-found';

export interface VaultOptions {
  storage?: Pick<typeof browser.storage, 'local' | 'session'>;
  now?: () => number;
  /** PBKDF2 iterations for a new vault (tests of everything but the KDF pass fewer; default 600,000). */
  iterations?: number;
}

export interface Unlocked {
  key: Uint8Array;
  box: SealedBox;
  entries: AuthenticatorEntry[];
}

export class Vault {
  readonly #local: typeof browser.storage.local;
  readonly #session: typeof browser.storage.session;
  readonly #now: () => number;
  readonly #iterations: number | undefined;

  constructor(options: VaultOptions = {}) {
    const storage = options.storage ?? browser.storage;
    this.#local = storage.local;
    this.#session = storage.session;
    this.#now = options.now ?? Date.now;
    this.#iterations = options.iterations;
  }

  async status(): Promise<VaultStatus> {
    const box = await this.#box();
    if (!box) return 'none';
    return (await this.#sessionKey(box)) ? 'unlocked' : 'locked';
  }

  /** A first passphrase: an empty vault, unlocked. */
  async create(passphrase: string): Promise<VaultResult> {
    if (await this.#box())
      return { ok: false, reason: 'exists', message: 'The authenticator already has a passphrase.' };
    if (passphrase.length < MIN_PASSPHRASE_LENGTH)
      return {
        ok: false,
        reason: 'weak-passphrase',
        message: `Use at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words are best.`,
      };
    const kdf = newKdfParams(this.#iterations);
    const key = await deriveKey(passphrase, kdf);
    await this.#local.set({ [VAULT_KEYS.vault]: await seal({ entries: [] }, key, kdf, VAULT_PURPOSE) });
    await this.#keep(key, kdf);
    return { ok: true, message: 'Authenticator ready. It locks again when the browser closes or after the idle time.' };
  }

  /** Unlocks for this browser session. A wrong passphrase changes nothing (and says so). */
  async unlock(passphrase: string): Promise<VaultResult> {
    const box = await this.#box();
    if (!box) return { ok: false, reason: 'no-vault', message: 'Set a passphrase for the authenticator first.' };
    const key = await deriveKey(passphrase, box.kdf);
    if ((await open(box, key, VAULT_PURPOSE)) === null)
      return { ok: false, reason: 'wrong-passphrase', message: 'Wrong passphrase. Nothing was changed.' };
    await this.#keep(key, box.kdf);
    return { ok: true, message: 'Unlocked.' };
  }

  async lock(): Promise<void> {
    await this.#session.remove(VAULT_KEYS.key);
  }

  /** Locks when the idle time has passed since the last use; whether it did (the worker's alarm calls it). */
  async lockIfIdle(): Promise<boolean> {
    const box = await this.#box();
    const stored = SessionKeySchema.safeParse((await this.#session.get(VAULT_KEYS.key))[VAULT_KEYS.key]);
    if (!stored.success || !box) return false;
    if (!(await this.#idle(stored.data))) return false;
    await this.lock();
    return true;
  }

  /** The seller used the authenticator (opened the list, copied, filled): the idle time starts again. */
  async touch(): Promise<void> {
    const box = await this.#box();
    const session = box ? await this.#sessionKey(box) : null;
    if (session) await this.#session.set({ [VAULT_KEYS.key]: { ...session, lastUsedAt: this.#now() } });
  }

  /** The key and entries while unlocked; null when locked (or when there is no vault). */
  async unlocked(): Promise<Unlocked | null> {
    const box = await this.#box();
    if (!box) return null;
    const session = await this.#sessionKey(box);
    if (!session) return null;
    const key = fromBase64(session.key);
    const content = VaultContentSchema.safeParse(await open(box, key, VAULT_PURPOSE));
    return content.success ? { key, box, entries: content.data.entries } : null;
  }

  async entries(): Promise<AuthenticatorEntry[] | null> {
    return (await this.unlocked())?.entries ?? null;
  }

  /** Adds accounts bound to `site` (a registrable domain, or null); one already here (same key) is not added. */
  async add(
    accounts: readonly { params: TotpParams; site: string | null }[],
  ): Promise<
    { ok: true; added: AuthenticatorEntry[]; duplicates: number } | { ok: false; reason: VaultRefusal; message: string }
  > {
    const unlocked = await this.unlocked();
    if (!unlocked) return LOCKED;
    const entries = [...unlocked.entries];
    const added: AuthenticatorEntry[] = [];
    let duplicates = 0;
    for (const { params, site } of accounts) {
      if (entries.some((e) => sameKey(e, params))) {
        duplicates++;
        continue;
      }
      const entry: AuthenticatorEntry = { ...params, id: crypto.randomUUID(), site, addedAt: this.#now() };
      entries.push(entry);
      added.push(entry);
    }
    await this.#write(unlocked, entries);
    return { ok: true, added, duplicates };
  }

  async setSite(id: string, site: string | null): Promise<VaultResult> {
    return this.#change(id, (entry) => ({ ...entry, site }), site ? `Now filled on ${site}.` : 'Now copy only.');
  }

  async remove(id: string): Promise<VaultResult> {
    return this.#change(id, () => null, 'Removed.');
  }

  /** Records that a backup file was made (the popup's reminder stops). */
  async markBackedUp(): Promise<void> {
    await this.#local.set({ [VAULT_KEYS.backedUpAt]: this.#now() });
  }

  async #change(
    id: string,
    edit: (entry: AuthenticatorEntry) => AuthenticatorEntry | null,
    message: string,
  ): Promise<VaultResult> {
    const unlocked = await this.unlocked();
    if (!unlocked) return LOCKED;
    const entry = unlocked.entries.find((e) => e.id === id);
    if (!entry) return { ok: false, reason: 'not-found', message: 'That entry is no longer there.' };
    const edited = edit(entry);
    const entries = unlocked.entries.flatMap((e) => (e.id !== id ? [e] : edited ? [edited] : []));
    await this.#write(unlocked, entries);
    return { ok: true, message };
  }

  async #write(unlocked: Unlocked, entries: AuthenticatorEntry[]): Promise<void> {
    const box = await seal({ entries }, unlocked.key, unlocked.box.kdf, VAULT_PURPOSE);
    await this.#local.set({ [VAULT_KEYS.vault]: box });
    await this.#keep(unlocked.key, unlocked.box.kdf);
  }

  async #box(): Promise<SealedBox | null> {
    const parsed = SealedBoxSchema.safeParse((await this.#local.get(VAULT_KEYS.vault))[VAULT_KEYS.vault]);
    return parsed.success ? parsed.data : null;
  }

  /** The session's key for this vault, unless the idle time has passed (then it is wiped). */
  async #sessionKey(box: SealedBox): Promise<SessionKey | null> {
    const stored = SessionKeySchema.safeParse((await this.#session.get(VAULT_KEYS.key))[VAULT_KEYS.key]);
    // A key for another vault (a backup imported into a fresh one since): not ours.
    if (!stored.success || stored.data.salt !== box.kdf.salt) return null;
    if (await this.#idle(stored.data)) {
      await this.lock();
      return null;
    }
    return stored.data;
  }

  async #idle(session: SessionKey): Promise<boolean> {
    const minutes = await idleMinutes(this.#local);
    return minutes > 0 && this.#now() - session.lastUsedAt >= minutes * 60_000;
  }

  async #keep(key: Uint8Array, kdf: KdfParams): Promise<void> {
    const session: SessionKey = { key: toBase64(key), salt: kdf.salt, lastUsedAt: this.#now() };
    await this.#session.set({ [VAULT_KEYS.key]: session });
  }
}

const LOCKED = { ok: false, reason: 'locked', message: 'The authenticator is locked: unlock it first.' } as const;

export async function idleMinutes(local: typeof browser.storage.local = browser.storage.local): Promise<number> {
  const stored = (await local.get(VAULT_KEYS.idleMinutes))[VAULT_KEYS.idleMinutes];
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 ? stored : DEFAULT_IDLE_MINUTES;
}

export async function setIdleMinutes(minutes: number): Promise<void> {
  await browser.storage.local.set({ [VAULT_KEYS.idleMinutes]: minutes });
}
