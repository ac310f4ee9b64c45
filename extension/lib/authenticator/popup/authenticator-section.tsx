import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import type { PageAt } from '../../fill-rules.ts';
import type { RuntimeRequest, RuntimeResponse } from '../../runtime-messages.ts';
import { entryName } from '../totp-params.ts';
import { Vault } from '../vault.ts';
import { PassphraseForm } from './passphrase-form.tsx';
import { TotpRow } from './totp-row.tsx';
import { useAuthenticator } from './use-authenticator.ts';
import './authenticator.css';

type CurrentCode = typeof import('../totp-code.ts').currentCode;

/**
 * The code maker (otpauth, ≈ 27 kB), loaded once there are codes to show: a popup over a locked or empty
 * authenticator never loads it. Null until it is in.
 */
function useCodeMaker(needed: boolean): CurrentCode | null {
  const [make, setMake] = useState<CurrentCode | null>(null);
  useEffect(() => {
    if (!needed || make) return;
    let active = true;
    void import('../totp-code.ts').then((module) => active && setMake(() => module.currentCode));
    return () => {
      active = false;
    };
  }, [needed, make]);
  return make;
}

/**
 * Adding entries (otpauth and Google Authenticator export parsing, protobuf, the QR scan) is loaded on the
 * first Add, not with every popup: most opens only read codes.
 */
const AddEntry = lazy(() => import('./add-entry.tsx').then((module) => ({ default: module.AddEntry })));

interface AuthenticatorSectionProps {
  activePage: PageAt | null | undefined;
  now: number;
  /** The popup's notice line (copied, filled, or why not). */
  onNotice: (notice: { ok: boolean; text: string }) => void;
}

function ask(request: RuntimeRequest): Promise<RuntimeResponse> {
  return browser.runtime.sendMessage(request);
}

/**
 * The popup's authenticator: its codes beside the SMS and email codes, with the same countdown, Copy and Fill
 * (the background fills through the same rules and path as a message's code). Locked, it asks for the
 * passphrase; without one yet, it offers to set it up; until a first backup, it says plainly to make one.
 */
export function AuthenticatorSection({ activePage, now, onNotice }: AuthenticatorSectionProps) {
  const vault = useMemo(() => new Vault(), []);
  const [state, refresh] = useAuthenticator(vault);
  const [adding, setAdding] = useState(false);
  const [settingUp, setSettingUp] = useState(false);
  const currentCode = useCodeMaker(state.loaded && state.status === 'unlocked' && state.entries.length > 0);

  // Opening the popup is using the authenticator: the idle time starts again (a locked one stays locked).
  useEffect(() => {
    void vault.touch().catch(() => undefined);
  }, [vault]);

  const copy = async (code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      onNotice({ ok: true, text: 'Copied.' });
      await vault.touch();
    } catch {
      onNotice({ ok: false, text: 'Could not copy: the clipboard was not available.' });
    }
  };
  const fill = async (entryId: string) => {
    const result = await ask({ type: 'otp-relay/fill-authenticator', entryId }).catch(() => null);
    onNotice(result ? { ok: result.ok, text: result.message } : { ok: false, text: 'The background did not answer.' });
  };

  if (!state.loaded) return null;
  const { status, entries } = state;
  return (
    <section
      className="authenticator"
      data-testid="authenticator"
      data-status={status}
      aria-labelledby="authenticator-h"
      // Unlocked with entries, the code maker still loading: the codes show in a moment.
      aria-busy={status === 'unlocked' && entries.length > 0 && !currentCode ? true : undefined}
    >
      <header className="authenticator__header">
        <h2 id="authenticator-h">Authenticator codes</h2>
        {status === 'unlocked' && (
          <span className="authenticator__tools">
            <button
              type="button"
              data-testid="add-entry-button"
              onClick={() => setAdding(!adding)}
              aria-expanded={adding}
            >
              Add
            </button>
            <button
              type="button"
              data-testid="lock-button"
              onClick={() => void vault.lock().then(() => onNotice({ ok: true, text: 'Authenticator locked.' }))}
            >
              Lock
            </button>
          </span>
        )}
      </header>
      {status === 'none' &&
        (settingUp ? (
          <PassphraseForm
            vault={vault}
            mode="create"
            onDone={(result) => {
              setSettingUp(false);
              setAdding(true);
              onNotice({ ok: true, text: result.message });
              void refresh();
            }}
          />
        ) : (
          <p className="authenticator__hint">
            Keep your authenticator app’s two-step codes here too.{' '}
            <button type="button" className="link-button" data-testid="setup-button" onClick={() => setSettingUp(true)}>
              Set up
            </button>
          </p>
        ))}
      {status === 'locked' && (
        <PassphraseForm
          vault={vault}
          mode="unlock"
          onDone={(result) => {
            onNotice({ ok: true, text: result.message });
            void refresh();
          }}
        />
      )}
      {/* Locked, the entries cannot be counted: remind anyway until a first backup (an empty vault is rare). */}
      {((status === 'unlocked' && entries.length > 0) || status === 'locked') && state.backedUpAt === null && (
        <p className="authenticator__reminder" data-testid="backup-reminder" role="note">
          These codes are only in this browser. If it is lost, so are they: make a backup file now.{' '}
          <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
            Back up
          </button>
        </p>
      )}
      {status === 'unlocked' && adding && (
        <Suspense
          fallback={
            <p className="authenticator__hint" aria-busy="true">
              Loading…
            </p>
          }
        >
          <AddEntry
            vault={vault}
            activePage={activePage}
            onCancel={() => setAdding(false)}
            onDone={(message) => {
              setAdding(false);
              onNotice({ ok: true, text: message });
              void refresh();
            }}
          />
        </Suspense>
      )}
      {status === 'unlocked' && entries.length === 0 && !adding && (
        <p className="authenticator__hint" data-testid="authenticator-empty">
          No entries yet. On a site’s “turn on two-step verification” page, press Add and scan its QR code.
        </p>
      )}
      {status === 'unlocked' && entries.length > 0 && currentCode && (
        <ul className="code-group__list" data-testid="totp-list">
          {entries.map((entry) => (
            <TotpRow
              key={entry.id}
              code={currentCode(entry, entryName(entry), now)}
              periodMs={entry.period * 1000}
              now={now}
              activePage={activePage}
              onCopy={copy}
              onFill={fill}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
