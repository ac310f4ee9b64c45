import { useId } from 'react';
import { fillVerdict, type PageAt } from '../../fill-rules.ts';
import { CountdownBar } from '../../popup/countdown-bar.tsx';
import { groupDigits } from '../../popup/format-code.ts';
import type { AuthenticatorCode } from '../authenticator-code.ts';

interface TotpRowProps {
  code: AuthenticatorCode;
  /** The entry's period, ms: the bar's full length. */
  periodMs: number;
  now: number;
  activePage: PageAt | null | undefined;
  onCopy: (code: string) => void;
  onFill: (entryId: string) => void;
}

/** Why Fill is off for this code in this tab, or null when it may fill (by the fill rules). */
function blockReason(code: AuthenticatorCode, activePage: PageAt | null | undefined): string | null {
  if (activePage === undefined) return 'Checking the active tab…';
  const verdict = fillVerdict(code, activePage);
  if (verdict.ok) return null;
  if (code.site === null) return verdict.message;
  if (activePage === null) return `The active tab is not a web page. Open ${code.site} to fill.`;
  return `For https pages of ${code.site} only; this tab is ${activePage.origin}.`;
}

/** One authenticator entry's code now: like a message's row, with the period draining instead of a lifetime. */
export function TotpRow({ code, periodMs, now, activePage, onCopy, onFill }: TotpRowProps) {
  const reasonId = useId();
  const remainingMs = Math.max(0, code.expiresAt - now);
  const blocked = blockReason(code, activePage);
  return (
    <li
      className="code-row totp-row"
      data-testid="totp-row"
      data-entry-id={code.entryId}
      data-code={code.code}
      data-site={code.site ?? undefined}
      data-remaining={Math.ceil(remainingMs / 1000)}
    >
      <div className="code-row__head">
        <span className="code-digits" data-testid="totp-digits">
          {groupDigits(code.code).map((group, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: digit groups have no identity beyond their place
            <span key={index} className="code-digits__group">
              {group}
            </span>
          ))}
        </span>
      </div>
      <p className="code-row__meta">
        <span data-testid="totp-name">{code.name}</span>
        {' · '}
        <span data-testid="totp-site">{code.site ?? 'no site: copy only'}</span>
      </p>
      <CountdownBar remainingMs={remainingMs} fraction={remainingMs / periodMs} lifetimeMs={periodMs} />
      <div className="code-row__actions">
        <button type="button" data-testid="totp-copy" onClick={() => onCopy(code.code)}>
          Copy
        </button>
        <button
          type="button"
          className="button--primary"
          data-testid="totp-fill"
          disabled={blocked !== null}
          aria-describedby={blocked ? reasonId : undefined}
          onClick={() => onFill(code.entryId)}
        >
          Fill
        </button>
      </div>
      {blocked && (
        <p id={reasonId} className="code-row__reason" data-testid="totp-fill-reason">
          {blocked}
        </p>
      )}
    </li>
  );
}
