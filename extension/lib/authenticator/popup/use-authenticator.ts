import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { AuthenticatorEntry } from '../totp-params.ts';
import { idleMinutes, VAULT_KEYS, type Vault, type VaultStatus } from '../vault.ts';

export interface AuthenticatorState {
  loaded: boolean;
  status: VaultStatus;
  /** While unlocked; empty otherwise. */
  entries: AuthenticatorEntry[];
  /** When the last backup file was made, or null: never (the popup reminds the seller). */
  backedUpAt: number | null;
  idleMinutes: number;
}

const WATCHED: readonly string[] = Object.values(VAULT_KEYS);
/** How often an open page looks again, so a key past its idle time locks the view even with no storage change. */
const RECHECK_MS = 5_000;

/** The authenticator as stored (vault in storage.local, key in storage.session), kept current live. */
export function useAuthenticator(vault: Vault): [AuthenticatorState, () => Promise<void>] {
  const [state, setState] = useState<AuthenticatorState>({
    loaded: false,
    status: 'none',
    entries: [],
    backedUpAt: null,
    idleMinutes: 0,
  });

  const read = useCallback(async () => {
    const [status, entries, local, minutes] = await Promise.all([
      vault.status(),
      vault.entries(),
      browser.storage.local.get(VAULT_KEYS.backedUpAt),
      idleMinutes(),
    ]);
    const backedUpAt = local[VAULT_KEYS.backedUpAt];
    setState({
      loaded: true,
      status,
      entries: entries ?? [],
      backedUpAt: typeof backedUpAt === 'number' ? backedUpAt : null,
      idleMinutes: minutes,
    });
  }, [vault]);

  useEffect(() => {
    let active = true;
    const refresh = () => void read().catch(() => undefined);
    const onChanged = (changes: Record<string, unknown>) => {
      if (active && Object.keys(changes).some((key) => WATCHED.includes(key))) refresh();
    };
    refresh();
    const timer = setInterval(refresh, RECHECK_MS);
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      active = false;
      clearInterval(timer);
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [read]);

  return [state, read];
}
