import { type FormEvent, useId, useState } from 'react';
import type { Vault, VaultResult } from '../vault.ts';

interface PassphraseFormProps {
  vault: Vault;
  /** `create`: the first passphrase (typed twice); `unlock`: the one set before. */
  mode: 'create' | 'unlock';
  onDone: (result: VaultResult & { ok: true }) => void;
}

/** Unlocks the authenticator (or sets its first passphrase). Deriving the key takes about half a second. */
export function PassphraseForm({ vault, mode, onDone }: PassphraseFormProps) {
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Finished attempts, so a test (or a screen reader user) can tell a new answer from the last one. */
  const [attempts, setAttempts] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (mode === 'create' && passphrase !== again) {
      setError('The two passphrases differ.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await (mode === 'create' ? vault.create(passphrase) : vault.unlock(passphrase)).catch(
      (): VaultResult => ({ ok: false, reason: 'locked', message: 'Could not open the authenticator. Try again.' }),
    );
    setBusy(false);
    setAttempts((n) => n + 1);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setPassphrase('');
    setAgain('');
    setError(null);
    onDone(result);
  };

  return (
    <form
      className="authenticator__form"
      data-testid={`${mode}-form`}
      onSubmit={submit}
      aria-busy={busy}
      data-attempts={attempts}
    >
      {mode === 'create' && (
        <p className="authenticator__hint">
          Choose a passphrase for your authenticator codes. They are kept encrypted with it, and there is no way back in
          without it: write it down.
        </p>
      )}
      <label htmlFor={`${id}-passphrase`}>{mode === 'create' ? 'New passphrase' : 'Passphrase'}</label>
      <input
        id={`${id}-passphrase`}
        name="passphrase"
        type="password"
        autoComplete={mode === 'create' ? 'new-password' : 'current-password'}
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        required
      />
      {mode === 'create' && (
        <>
          <label htmlFor={`${id}-again`}>The same again</label>
          <input
            id={`${id}-again`}
            name="again"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            required
          />
        </>
      )}
      <button type="submit" className="button--primary" data-testid={`${mode}-button`} disabled={busy}>
        {busy ? (mode === 'create' ? 'Setting up…' : 'Unlocking…') : mode === 'create' ? 'Set passphrase' : 'Unlock'}
      </button>
      {error && (
        <p id={`${id}-error`} className="form-error" role="alert" data-testid="passphrase-error">
          {error}
        </p>
      )}
    </form>
  );
}
