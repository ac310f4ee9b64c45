import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Paths that could ever hold a secret are censored, as a second line of defence: the relay's own code never
 * logs bodies, query strings, headers, codes or the token in the first place.
 */
export const REDACT_PATHS = [
  'token',
  'code',
  'codeDigest',
  'text',
  '*.token',
  '*.code',
  '*.codeDigest',
  '*.text',
  'req.headers.authorization',
  'req.headers["sec-websocket-protocol"]',
  'headers.authorization',
  'headers["sec-websocket-protocol"]',
];

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino({ name: 'otp-relay', level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
