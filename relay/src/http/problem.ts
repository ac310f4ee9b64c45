import { PROBLEM_CONTENT_TYPE, RelayError } from '@otp-relay/shared';
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';

export function sendProblem(res: Response, error: RelayError, instance?: string): void {
  const problem = error.toProblem(instance);
  if (problem.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(problem.retryAfterSeconds));
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** body-parser and the router report bad input as errors with a `type`/`status`: name them in our terms. */
export function toRelayError(error: unknown): RelayError | null {
  if (error instanceof RelayError) return error;
  if (typeof error !== 'object' || error === null) return null;
  const { type, status, limit } = error as { type?: unknown; status?: unknown; limit?: unknown };
  // body-parser names the limit it applied: 16 KiB on most routes, more where a route allows it (/inbound).
  const tooLarge = () =>
    new RelayError(
      'payload_too_large',
      `The body is larger than ${typeof limit === 'number' ? limit / 1024 : 16} KiB.`,
    );
  switch (type) {
    case 'entity.too.large':
      return tooLarge();
    case 'entity.parse.failed':
      return new RelayError('malformed_json', 'The body is not valid JSON (an object or array).');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new RelayError('unsupported_media_type', 'Send JSON as UTF-8 without content encoding.');
    case 'request.aborted':
      return new RelayError('malformed_json', 'The request ended before its body did.');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return tooLarge();
    if (status === 415) return new RelayError('unsupported_media_type', 'Send JSON.');
    if (status === 404) return new RelayError('not_found', 'Not found.');
    return new RelayError('validation_failed', 'The request could not be read.');
  }
  return null;
}

/** The one place errors become responses: every failure is problem+json; only our own bugs are 500s. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = toRelayError(error);
    if (known === null) {
      logger.error({ err: error, method: req.method, path: req.path }, 'unexpected error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    sendProblem(res, known ?? new RelayError('internal_error', 'Something went wrong in the relay.'), req.path);
  };
}
