import { maskDestination } from '@otp-relay/shared/mask-destination';
import { PURPOSE_LABELS } from '@otp-relay/shared/verification';
import { useId, useState } from 'react';
import { type PageAt, senderLabel } from '../fill-rules.ts';
import type { CodeView } from './code-view.ts';
import { CountdownBar } from './countdown-bar.tsx';
import { fillBlockReason, fillConfirmation } from './fill-availability.ts';
import { groupDigits } from './format-code.ts';

interface CodeRowProps {
  view: CodeView;
  activePage: PageAt | null | undefined;
  onCopy: (code: string) => void;
  /** `confirmed`: the second click on a code bound to no site. */
  onFill: (messageId: string, confirmed: boolean) => void;
}

/**
 * One code: big digits, where it went and what for (codes the relay issued) or who sent it (codes from
 * elsewhere), time left, Copy and Fill. Fill on a code bound to no site first asks, naming sender and page.
 */
export function CodeRow({ view, activePage, onCopy, onFill }: CodeRowProps) {
  const { code, state } = view;
  const reasonId = useId();
  const [asking, setAsking] = useState(false);
  const blocked = fillBlockReason(view, activePage);
  const question = fillConfirmation(view, activePage);
  const expired = state === 'expired';
  const channel = code.channel === 'sms' ? 'SMS' : 'Email';
  return (
    <li
      className={`code-row code-row--${state}`}
      data-testid="code-row"
      data-message-id={code.messageId}
      data-verification-id={code.verificationId}
      data-origin={code.origin}
      data-source={code.source}
      data-site={code.site ?? undefined}
      data-binding={code.binding}
      data-code={code.code}
      data-state={state}
      data-folder={code.folder}
      data-purpose={code.purpose}
      data-channel={code.channel}
      data-remaining={Math.ceil(view.remainingMs / 1000)}
    >
      <div className="code-row__head">
        <span className="code-digits" data-testid="code-digits">
          {groupDigits(code.code).map((group, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: digit groups have no identity beyond their place
            <span key={index} className="code-digits__group">
              {group}
            </span>
          ))}
        </span>
        {code.folder === 'spam' && (
          <span className="tag tag--spam" data-testid="spam-marker">
            Spam folder
          </span>
        )}
        {expired && (
          <span className="tag tag--expired" data-testid="expired-marker">
            Expired
          </span>
        )}
      </div>
      <p className="code-row__meta">
        {code.purpose && code.to !== undefined ? (
          <>
            <span className="code-row__purpose">{PURPOSE_LABELS[code.purpose]}</span>
            {' · '}
            <span data-testid="code-destination">
              {channel} to {maskDestination(code.to)}
            </span>
          </>
        ) : (
          <span data-testid="code-sender">{senderLabel(code)}</span>
        )}
      </p>
      <CountdownBar
        remainingMs={view.remainingMs}
        fraction={view.fraction}
        lifetimeMs={code.expiresAt - code.createdAt}
      />
      <div className="code-row__actions">
        <button type="button" data-testid="copy-button" disabled={expired} onClick={() => onCopy(code.code)}>
          Copy
        </button>
        <button
          type="button"
          className="button--primary"
          data-testid="fill-button"
          disabled={blocked !== null}
          aria-describedby={blocked && !expired ? reasonId : undefined}
          aria-expanded={question ? asking : undefined}
          onClick={() => (question ? setAsking(true) : onFill(code.messageId, false))}
        >
          Fill
        </button>
      </div>
      {question && asking && (
        <fieldset className="code-row__confirm" data-testid="fill-confirm" aria-label="Confirm fill">
          <p data-testid="fill-question">{question}</p>
          <button
            type="button"
            className="button--primary"
            data-testid="confirm-fill"
            onClick={() => {
              setAsking(false);
              onFill(code.messageId, true);
            }}
          >
            Fill it
          </button>
          <button type="button" data-testid="cancel-fill" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </fieldset>
      )}
      {blocked && !expired && (
        <p id={reasonId} className="code-row__reason" data-testid="fill-reason">
          {blocked}
        </p>
      )}
    </li>
  );
}
