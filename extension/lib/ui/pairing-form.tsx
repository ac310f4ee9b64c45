import { type FormEvent, useId, useState } from 'react';
import { requestRelayAccess } from '../relay-access.ts';

interface PairingFormProps {
  defaultRelayUrl: string;
  /** "Pair with your relay" in the popup; the options page titles its own section. */
  heading?: string;
  onPaired?: (relayUrl: string) => void;
}

/** One step: relay URL (prefilled) and the token the relay printed; stored only once the relay accepts it. */
export function PairingForm({ defaultRelayUrl, heading, onPaired }: PairingFormProps) {
  const [relayUrl, setRelayUrl] = useState(defaultRelayUrl);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: 'relayUrl' | 'token'; message: string } | null>(null);
  const urlId = useId();
  const tokenId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    // First, while the click still counts as a user gesture.
    const allowed = await requestRelayAccess(relayUrl).catch(() => false);
    // The pairing call (the signed session, its hashes) is loaded now: a paired popup never runs it.
    const result = allowed
      ? await import('../pairing.ts').then(({ pairWithRelay }) => pairWithRelay(relayUrl, token))
      : { ok: false as const, field: 'relayUrl' as const, message: 'Access to this relay address was not granted.' };
    setBusy(false);
    if (result.ok) {
      setToken('');
      onPaired?.(result.relayUrl);
    } else {
      setError({ field: result.field, message: result.message });
    }
  };

  return (
    <form
      className="pairing"
      data-testid="pairing-form"
      onSubmit={submit}
      aria-describedby={error ? errorId : undefined}
    >
      {heading && <h2 className="pairing__heading">{heading}</h2>}
      <p className="pairing__hint">
        Start the relay with <code>npm start</code>; it prints a token. Paste it here.
      </p>
      <label htmlFor={urlId}>Relay URL</label>
      <input
        id={urlId}
        name="relayUrl"
        type="url"
        required
        value={relayUrl}
        onChange={(e) => setRelayUrl(e.target.value)}
        aria-invalid={error?.field === 'relayUrl'}
      />
      <label htmlFor={tokenId}>Token</label>
      <input
        id={tokenId}
        name="token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        value={token}
        onChange={(e) => setToken(e.target.value)}
        aria-invalid={error?.field === 'token'}
      />
      {error && (
        <p id={errorId} className="form-error" role="alert" data-testid="pairing-error">
          {error.message}
        </p>
      )}
      <button type="submit" className="button--primary" disabled={busy}>
        {busy ? 'Checking…' : 'Pair'}
      </button>
    </form>
  );
}
