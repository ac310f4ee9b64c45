import { type FormEvent, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { isLoopbackOrigin, originOf, originPattern } from '../relay-origins.ts';
import { saveSettings } from '../settings.ts';

interface AutoFillSitesProps {
  origins: string[];
}

/**
 * Sites where a code is filled the moment it arrives. Local sites are covered by the manifest; any other site
 * is asked for as an optional host permission right in the click that adds it, and handed back on removal.
 */
export function AutoFillSites({ origins }: AutoFillSitesProps) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const origin = originOf(draft.trim());
    if (!origin) {
      setError('Enter a site address like https://seller.example.com');
      return;
    }
    if (!isLoopbackOrigin(origin)) {
      const granted = await browser.permissions.request({ origins: [originPattern(origin)] }).catch(() => false);
      if (!granted) {
        setError(`Access to ${origin} was not granted, so codes cannot be filled there automatically.`);
        return;
      }
    }
    setError(null);
    setDraft('');
    if (!origins.includes(origin)) await saveSettings({ autoFillOrigins: [...origins, origin] });
  };

  const remove = async (origin: string) => {
    await saveSettings({ autoFillOrigins: origins.filter((o) => o !== origin) });
    if (!isLoopbackOrigin(origin)) {
      await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
    }
  };

  return (
    <section aria-labelledby={`${inputId}-heading`} data-testid="auto-fill-sites">
      <h2 id={`${inputId}-heading`}>Auto-fill sites</h2>
      <p>
        On these exact sites a code is filled as soon as it arrives. Everywhere else, fill is one click in the popup or
        the keyboard shortcut.
      </p>
      {origins.length === 0 ? (
        <p>No sites.</p>
      ) : (
        <ul className="site-list">
          {origins.map((origin) => (
            <li key={origin} data-testid="auto-fill-site" data-origin={origin}>
              <code>{origin}</code>
              <button type="button" onClick={() => void remove(origin)} aria-label={`Remove ${origin}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={add}>
        <label htmlFor={inputId} className="visually-hidden">
          Site to auto-fill
        </label>
        <input
          id={inputId}
          type="url"
          placeholder="https://seller.example.com"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-invalid={error !== null}
        />
        <button type="submit">Add site</button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
