import { fillVerdict } from '../fill-rules.ts';
import { pageAt } from '../registrable-domain.ts';
import type { AuthenticatorCode } from './authenticator-code.ts';
import { currentCode } from './totp-code.ts';
import { entryName } from './totp-params.ts';
import type { Vault } from './vault.ts';

/** What the fill policy asks of the authenticator: current codes, only while it is unlocked. */
export interface AuthenticatorSource {
  /** This entry's code now, or undefined when the authenticator is locked or the entry is gone. */
  code(entryId: string): Promise<AuthenticatorCode | undefined>;
  /** The codes now of every entry whose code may go into a page at `pageOrigin` (the fill rules decide). */
  codesFor(pageOrigin: string): Promise<AuthenticatorCode[]>;
  /** A fill of one of its codes counts as use: the idle time starts again. */
  used(): Promise<void>;
  lockIfIdle(): Promise<boolean>;
}

export function authenticatorSource(vault: Vault, now: () => number): AuthenticatorSource {
  const codes = async () => ((await vault.entries()) ?? []).map((entry) => currentCode(entry, entryName(entry), now()));
  return {
    async code(entryId) {
      return (await codes()).find((code) => code.entryId === entryId);
    },
    async codesFor(pageOrigin) {
      const page = pageAt(pageOrigin);
      return (await codes()).filter((code) => fillVerdict(code, page).ok);
    },
    used: () => vault.touch(),
    lockIfIdle: () => vault.lockIfIdle(),
  };
}
