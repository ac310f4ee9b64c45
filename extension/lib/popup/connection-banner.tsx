import { CONNECTION_HELP, type ConnectionStatus } from '../connection-status.ts';

interface ConnectionBannerProps {
  status: ConnectionStatus;
  relayUrl: string;
  onRetry?: () => void;
}

const TONE: Record<ConnectionStatus, 'ok' | 'busy' | 'error'> = {
  connected: 'ok',
  connecting: 'busy',
  reconnecting: 'busy',
  'not-paired': 'error',
  unreachable: 'error',
  'token-rejected': 'error',
  refused: 'error',
};

/** Where the link to the relay stands, always visible, with what to do about it. */
export function ConnectionBanner({ status, relayUrl, onRetry }: ConnectionBannerProps) {
  const help = CONNECTION_HELP[status];
  const canRetry = onRetry && (status === 'unreachable' || status === 'reconnecting' || status === 'refused');
  return (
    <div
      className={`banner banner--${TONE[status]}`}
      data-testid="connection-banner"
      data-status={status}
      role="status"
      aria-live="polite"
    >
      <span className="banner__dot" aria-hidden="true" />
      <div className="banner__text">
        <strong>{help.title}</strong>
        {status !== 'connected' && <span className="banner__action">{help.action}</span>}
        {status === 'connected' && <span className="banner__action">{relayUrl}</span>}
      </div>
      {canRetry && (
        <button type="button" className="banner__retry" onClick={onRetry}>
          Retry now
        </button>
      )}
    </div>
  );
}
