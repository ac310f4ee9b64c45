import pino, { type DestinationStream, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { createStdioSinks } from './stdio-sink.ts';

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

/** `json`: one pino object per line, for machines. `pretty`: one readable line per event, for a person. */
export type LogFormat = 'json' | 'pretty';
export const LOG_FORMATS = ['json', 'pretty'] as const;

/**
 * A pino logger. Its default destination is stdout through a sink that never blocks (see stdio-sink.ts); the
 * CLI passes its stderr sink. Redaction runs before formatting, so the pretty format censors the same fields.
 */
export function createLogger(
  level = 'info',
  destination?: DestinationStream,
  format: LogFormat = 'json',
  colorize = false,
): Logger {
  const target = destination ?? createStdioSinks().out;
  const output = format === 'pretty' ? prettyDestination(target, colorize) : target;
  return pino({ name: 'otp-relay', level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, output);
}

/** pino-pretty's formatter, run in-process on each line: no worker thread, no second stream to fail. */
function prettyDestination(target: DestinationStream, colorize: boolean): DestinationStream {
  const pretty = prettyFactory({ colorize, ignore: 'pid,hostname,name', translateTime: 'HH:MM:ss.l' });
  return {
    write(line: string) {
      target.write(pretty(line));
    },
  };
}

/** Pretty when a person is watching (a terminal), JSON when the output goes to a pipe or a file. */
export function defaultLogFormat(stream: { isTTY?: boolean }): LogFormat {
  return stream.isTTY === true ? 'pretty' : 'json';
}
