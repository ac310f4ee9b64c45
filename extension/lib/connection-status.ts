/**
 * What the popup shows about the link to the relay, with what to do about it.
 * - not-paired: no token stored yet.
 * - connecting / connected / reconnecting: the stream's own states.
 * - unreachable: nothing answers at the relay URL (checked over HTTP while the socket keeps failing).
 * - token-rejected: the relay answers 401 to our token, or what answers cannot prove it knows our token (another
 *   token, or another program on the relay's port); we keep retrying, slowly, and at once when the token changes.
 * - refused: the relay answers HTTP with our token but refuses the stream (Host/Origin checks).
 */
export type ConnectionStatus =
  | 'not-paired'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'unreachable'
  | 'token-rejected'
  | 'refused';

export interface ConnectionInfo {
  status: ConnectionStatus;
  relayUrl: string;
  /** Local wall time of the last change. */
  since: number;
}

export const CONNECTION_HELP: Record<ConnectionStatus, { title: string; action: string }> = {
  'not-paired': {
    title: 'Not paired with a relay',
    action: 'Start the relay (npm start) and paste the token it prints.',
  },
  connecting: { title: 'Connecting to the relay…', action: 'This takes a moment.' },
  connected: { title: 'Connected', action: 'New codes appear here as they arrive.' },
  reconnecting: {
    title: 'Connection lost, reconnecting…',
    action: 'Codes sent meanwhile will arrive when the link is back.',
  },
  unreachable: {
    title: 'Relay unreachable',
    action: 'Is the relay running at this address? Start it with npm start; we keep retrying.',
  },
  'token-rejected': {
    title: 'The relay rejected our token',
    action:
      'The relay was probably restarted with a new token: pair again with the token it printed. (If it was not, ' +
      'another program may be answering at its address: it was sent nothing, and we keep trying.)',
  },
  refused: {
    title: 'The relay refused the live stream',
    action: 'Start the relay with --extension-id for this extension, or check its --host setting.',
  },
};
