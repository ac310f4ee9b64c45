import { PROBLEM_CONTENT_TYPE, RelayError } from '@otp-relay/shared';
import type { NextFunction, Request, Response } from 'express';
import { outcomeOfError } from './flow-view.ts';

/**
 * Renders every refusal of the demo API as RFC 9457 problem+json, plus the two members a page shows as is:
 * `state` (its status line's data-state) and `message` (plain words). Field errors keep the relay's shape.
 */
export function renderDemoError(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  const relayError = toRelayError(error);
  const problem = relayError.toProblem(req.originalUrl);
  const outcome = outcomeOfError(relayError.code, relayError.message, relayError.retryAfterSeconds);
  if (relayError.retryAfterSeconds !== undefined) res.set('Retry-After', String(relayError.retryAfterSeconds));
  res
    .status(relayError.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...problem, ...outcome }));
}

function toRelayError(error: unknown): RelayError {
  if (error instanceof RelayError) return error;
  // body-parser's errors carry a `type`; anything else is our bug and says nothing about its cause.
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') return new RelayError('malformed_json', 'The request body is not valid JSON.');
  if (type === 'entity.too.large') return new RelayError('payload_too_large', 'The request body is too large.');
  return new RelayError('internal_error', 'Something went wrong on our side.');
}

/** JSON bodies only: a form post from another site cannot reach the API without a CORS preflight. */
export function requireJson(req: Request, _res: Response, next: NextFunction): void {
  // Resend and cancel carry no body at all (fetch still sends Content-Length: 0): that is fine.
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (req.method === 'POST' && hasBody && !req.is('json')) {
    next(new RelayError('unsupported_media_type', 'Send the body as application/json.'));
    return;
  }
  next();
}

/** Same-origin pages only: a browser always names the page that sent a POST, and it must be this site. */
export function requireSameOrigin(req: Request, _res: Response, next: NextFunction): void {
  const origin = req.get('origin');
  if (req.method === 'POST' && origin !== undefined && origin !== `${req.protocol}://${req.get('host')}`) {
    next(new RelayError('forbidden_origin', 'Requests must come from the demo pages themselves.'));
    return;
  }
  next();
}
