import { type FormEvent, useId, useState } from 'react';
import type { PageAt } from '../../fill-rules.ts';
import { siteOf } from '../../site-of.ts';
import { isMigrationUri, parseMigrationUri } from '../parse-migration-uri.ts';
import { parseOtpauthUri, parseTypedSecret } from '../parse-otpauth-uri.ts';
import { scanVisibleTab } from '../scan-tab-qr.ts';
import { entryName, type TotpParams } from '../totp-params.ts';
import type { Vault } from '../vault.ts';

interface AddEntryProps {
  vault: Vault;
  activePage: PageAt | null | undefined;
  onDone: (message: string) => void;
  onCancel: () => void;
}

interface Candidate {
  params: TotpParams;
  /** What the seller confirms or edits: the site its codes fill on. */
  site: string;
}

/** The active tab's site: what an entry scanned or pasted on it is for, until the seller says otherwise. */
function tabSite(activePage: PageAt | null | undefined): string {
  return activePage?.site ?? '';
}

/**
 * Adding entries: scan the QR code on this tab, paste an otpauth:// link (or a Google Authenticator export
 * link), or type the key. Then the seller confirms (or edits) the site each entry is for; nothing is added
 * before that.
 */
export function AddEntry({ vault, activePage, onDone, onCancel }: AddEntryProps) {
  const id = useId();
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const [link, setLink] = useState('');
  const [typed, setTyped] = useState({ secret: '', issuer: '', label: '', algorithm: 'SHA1', digits: 6, period: 30 });

  const take = (text: string) => {
    if (isMigrationUri(text)) {
      const parsed = parseMigrationUri(text);
      if (!parsed.ok) return setError(parsed.message);
      setError(null);
      setSkipped(parsed.batch.skipped);
      // Accounts from a phone app were set up on other sites: the seller names each one's site.
      return setCandidates(parsed.batch.accounts.map((params) => ({ params, site: '' })));
    }
    const parsed = parseOtpauthUri(text);
    if (!parsed.ok) return setError(parsed.message);
    setError(null);
    setSkipped([]);
    setCandidates([{ params: parsed.params, site: tabSite(activePage) }]);
  };

  const scan = async () => {
    setScanning(true);
    const result = await scanVisibleTab().catch(() => ({ ok: false as const, message: 'Could not capture this tab.' }));
    setScanning(false);
    if (result.ok) take(result.text);
    else setError(result.message);
  };

  const typeKey = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseTypedSecret(typed);
    if (!parsed.ok) return setError(parsed.message);
    setError(null);
    setSkipped([]);
    setCandidates([{ params: parsed.params, site: tabSite(activePage) }]);
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!candidates) return;
    const sites = await Promise.all(candidates.map((candidate) => siteOf(candidate.site)));
    const accounts: { params: TotpParams; site: string | null }[] = [];
    for (const [index, candidate] of candidates.entries()) {
      const site = sites[index] ?? null;
      if (candidate.site.trim() !== '' && site === null)
        return setError(`“${candidate.site}” is not a site: enter one like tiktok.com or seller.example.com.`);
      accounts.push({ params: candidate.params, site });
    }
    const result = await vault.add(accounts);
    if (!result.ok) return setError(result.message);
    const names = result.added.map((e) => `${entryName(e)}${e.site ? ` for ${e.site}` : ''}`);
    const already = result.duplicates > 0 ? ` ${result.duplicates} already here.` : '';
    onDone(names.length > 0 ? `Added ${names.join(', ')}.${already}` : `Nothing new to add.${already}`);
  };

  if (candidates) {
    return (
      <form className="authenticator__form" data-testid="confirm-entries" onSubmit={confirm}>
        <h3>Check before adding</h3>
        {candidates.length === 0 && <p>The export holds no account that can be added.</p>}
        {candidates.map((candidate, index) => (
          <fieldset key={candidate.params.secret} className="authenticator__candidate" data-testid="candidate">
            <legend data-testid="candidate-name">{entryName(candidate.params)}</legend>
            <p className="authenticator__hint">
              {candidate.params.digits} digits, every {candidate.params.period} s, {candidate.params.algorithm}
            </p>
            <label htmlFor={`${id}-site-${index}`}>Fill on the site</label>
            <input
              id={`${id}-site-${index}`}
              name="site"
              data-testid="candidate-site"
              placeholder="tiktok.com (empty: copy only)"
              value={candidate.site}
              onChange={(e) =>
                setCandidates(candidates.map((c, i) => (i === index ? { ...c, site: e.target.value } : c)))
              }
            />
          </fieldset>
        ))}
        <p className="authenticator__hint">Codes are filled only on https pages of that site.</p>
        {skipped.length > 0 && (
          <ul className="authenticator__skipped" data-testid="skipped">
            {skipped.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
        <div className="code-row__actions">
          <button
            type="submit"
            className="button--primary"
            data-testid="confirm-add"
            disabled={candidates.length === 0}
          >
            Add
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="add-error">
            {error}
          </p>
        )}
      </form>
    );
  }

  return (
    <div className="authenticator__form" data-testid="add-entry">
      <button type="button" className="button--primary" data-testid="scan-qr" disabled={scanning} onClick={scan}>
        {scanning ? 'Looking for a QR code…' : 'Scan the QR code on this tab'}
      </button>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          take(link);
        }}
      >
        <label htmlFor={`${id}-link`} className="visually-hidden">
          otpauth:// link
        </label>
        <input
          id={`${id}-link`}
          data-testid="paste-link"
          placeholder="or paste an otpauth:// link"
          value={link}
          onChange={(e) => setLink(e.target.value)}
        />
        <button type="submit">Read</button>
      </form>
      <details>
        <summary>or type the key</summary>
        <form className="authenticator__typed" onSubmit={typeKey}>
          <label htmlFor={`${id}-secret`}>Key</label>
          <input
            id={`${id}-secret`}
            data-testid="typed-secret"
            autoComplete="off"
            spellCheck={false}
            value={typed.secret}
            onChange={(e) => setTyped({ ...typed, secret: e.target.value })}
          />
          <label htmlFor={`${id}-issuer`}>Name</label>
          <input
            id={`${id}-issuer`}
            placeholder="Lumen Goods"
            value={typed.issuer}
            onChange={(e) => setTyped({ ...typed, issuer: e.target.value })}
          />
          <label htmlFor={`${id}-algorithm`}>Algorithm</label>
          <select
            id={`${id}-algorithm`}
            value={typed.algorithm}
            onChange={(e) => setTyped({ ...typed, algorithm: e.target.value })}
          >
            <option value="SHA1">SHA-1 (most sites)</option>
            <option value="SHA256">SHA-256</option>
            <option value="SHA512">SHA-512</option>
          </select>
          <label htmlFor={`${id}-digits`}>Digits</label>
          <select
            id={`${id}-digits`}
            value={typed.digits}
            onChange={(e) => setTyped({ ...typed, digits: Number(e.target.value) })}
          >
            {[6, 7, 8].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-period`}>New code every</label>
          <select
            id={`${id}-period`}
            value={typed.period}
            onChange={(e) => setTyped({ ...typed, period: Number(e.target.value) })}
          >
            <option value={30}>30 seconds</option>
            <option value={60}>60 seconds</option>
          </select>
          <button type="submit" data-testid="typed-next">
            Next
          </button>
        </form>
      </details>
      <button type="button" className="link-button" onClick={onCancel}>
        Cancel
      </button>
      {error && (
        <p className="form-error" role="alert" data-testid="add-error">
          {error}
        </p>
      )}
    </div>
  );
}
