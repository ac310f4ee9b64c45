import { type FormEvent, useId, useMemo, useState } from 'react';
import { siteOf } from '../../site-of.ts';
import { exportBackup, importBackup, savedMessage } from '../backup-file.ts';
import { PassphraseForm } from '../popup/passphrase-form.tsx';
import { useAuthenticator } from '../popup/use-authenticator.ts';
import { entryName } from '../totp-params.ts';
import { IDLE_CHOICES, setIdleMinutes, Vault } from '../vault.ts';
import '../popup/authenticator.css';

type Notice = { ok: boolean; text: string } | null;

function idleLabel(minutes: number): string {
  if (minutes === 0) return 'only when the browser closes';
  return minutes < 60 ? `after ${minutes} minutes without use` : `after ${minutes / 60} hours without use`;
}

/**
 * The options page's authenticator part: when it locks itself, backup files (out and in), and each entry's
 * site. Entries are added from the popup, where the setup page's QR code is.
 */
export function AuthenticatorSettings() {
  const vault = useMemo(() => new Vault(), []);
  const [state, refresh] = useAuthenticator(vault);
  const [notice, setNotice] = useState<Notice>(null);
  if (!state.loaded) return null;
  return (
    <section aria-labelledby="authenticator-heading" data-testid="authenticator-settings" data-status={state.status}>
      <h2 id="authenticator-heading">Authenticator codes</h2>
      <label className="toggle">
        Lock the authenticator{' '}
        <select
          data-testid="idle-minutes"
          value={state.idleMinutes}
          onChange={(e) => void setIdleMinutes(Number(e.target.value)).then(refresh)}
        >
          {IDLE_CHOICES.map((minutes) => (
            <option key={minutes} value={minutes}>
              {idleLabel(minutes)}
            </option>
          ))}
        </select>
      </label>
      <p className="authenticator__hint">It always locks when the browser closes.</p>
      {state.status !== 'unlocked' ? (
        <>
          <p>
            {state.status === 'none'
              ? 'Set a passphrase to start, or to import a backup file:'
              : 'Unlock to back up, import or edit:'}
          </p>
          <PassphraseForm
            vault={vault}
            mode={state.status === 'none' ? 'create' : 'unlock'}
            onDone={(result) => {
              setNotice({ ok: true, text: result.message });
              void refresh();
            }}
          />
        </>
      ) : (
        <>
          <BackupExport vault={vault} onNotice={setNotice} />
          <BackupImport vault={vault} onNotice={setNotice} />
          <h3>Entries</h3>
          {state.entries.length === 0 ? (
            <p>No entries yet: add them from the popup, on the site’s two-step setup page.</p>
          ) : (
            <ul className="site-list">
              {state.entries.map((entry) => (
                <EntrySite
                  key={entry.id}
                  vault={vault}
                  id={entry.id}
                  name={entryName(entry)}
                  site={entry.site}
                  onNotice={setNotice}
                />
              ))}
            </ul>
          )}
        </>
      )}
      <p className="notice" data-testid="authenticator-notice" data-ok={notice?.ok} role="status" aria-live="polite">
        {notice?.text}
      </p>
    </section>
  );
}

function BackupExport({ vault, onNotice }: { vault: Vault; onNotice: (n: Notice) => void }) {
  const id = useId();
  const [own, setOwn] = useState(true);
  const [passphrase, setPassphrase] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!own && passphrase.length < 8) return onNotice({ ok: false, text: 'Use at least 8 characters for the file.' });
    const file = await exportBackup(vault, Date.now(), own ? undefined : passphrase);
    if (!file.ok) return onNotice({ ok: false, text: file.message });
    const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: file.fileName });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setPassphrase('');
    onNotice({ ok: true, text: savedMessage(file.fileName, file.count) });
  };
  return (
    <form onSubmit={submit} data-testid="backup-export" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Back up</h3>
      <label className="toggle">
        <input type="radio" name="backup-key" checked={own} onChange={() => setOwn(true)} />
        Seal the file with my authenticator passphrase
      </label>
      <label className="toggle">
        <input type="radio" name="backup-key" checked={!own} onChange={() => setOwn(false)} />
        Use another passphrase for this file
      </label>
      {!own && (
        <input
          type="password"
          aria-label="Passphrase for the backup file"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      )}
      <button type="submit" data-testid="export-button">
        Download backup file
      </button>
    </form>
  );
}

function BackupImport({ vault, onNotice }: { vault: Vault; onNotice: (n: Notice) => void }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return onNotice({ ok: false, text: 'Choose a backup file first.' });
    const result = await importBackup(vault, await file.text(), passphrase);
    onNotice({ ok: result.ok, text: result.message });
    if (result.ok) setPassphrase('');
  };
  return (
    <form onSubmit={submit} data-testid="backup-import" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Import a backup file</h3>
      <input
        type="file"
        accept="application/json,.json"
        aria-label="Backup file"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <input
        type="password"
        aria-label="The backup file’s passphrase"
        placeholder="The file’s passphrase"
        autoComplete="off"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
      />
      <button type="submit" data-testid="import-button">
        Import
      </button>
    </form>
  );
}

interface EntrySiteProps {
  vault: Vault;
  id: string;
  name: string;
  site: string | null;
  onNotice: (n: Notice) => void;
}

function EntrySite({ vault, id, name, site, onNotice }: EntrySiteProps) {
  const [draft, setDraft] = useState(site ?? '');
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const next = await siteOf(draft);
    if (draft.trim() !== '' && next === null) return onNotice({ ok: false, text: `“${draft}” is not a site.` });
    const result = await vault.setSite(id, next);
    onNotice({ ok: result.ok, text: `${name}: ${result.message}` });
  };
  return (
    <li data-testid="authenticator-entry" data-site={site ?? undefined}>
      <form className="inline-form" onSubmit={save}>
        <span>{name}</span>
        <input
          aria-label={`Site for ${name}`}
          value={draft}
          placeholder="copy only"
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit">Save</button>
        <button
          type="button"
          aria-label={`Remove ${name}`}
          onClick={() => {
            if (confirm(`Remove ${name}? Its codes are gone unless a backup file holds it.`))
              void vault.remove(id).then((r) => onNotice({ ok: r.ok, text: `${name}: ${r.message}` }));
          }}
        >
          Remove
        </button>
      </form>
    </li>
  );
}
