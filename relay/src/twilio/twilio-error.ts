import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/**
 * An error as Twilio's API answers it: `{code, message, more_info, status}` with Twilio's own numeric codes
 * (https://www.twilio.com/docs/api/errors), which the official SDK turns into a `RestException`. Apps under
 * test branch on these codes (60202, 60203, 20404, 21211, …), so they are Twilio's, never ours.
 */
export class TwilioError extends Error {
  override name = 'TwilioError';
  readonly status: number;
  readonly code: number;

  constructor(status: number, code: number, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }

  toBody(): { code: number; message: string; more_info: string; status: number } {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

/** Twilio's "not found" (20404), worded as Twilio words it. */
export function notFound(path: string): TwilioError {
  return new TwilioError(404, 20404, `The requested resource ${path} was not found`);
}

/** Verify's catch-all for a bad or missing parameter (60200). */
export function invalidParameter(name: string, detail = ''): TwilioError {
  return new TwilioError(400, 60200, `Invalid parameter \`${name}\`${detail === '' ? '' : `: ${detail}`}`);
}

export function sendTwilioError(res: Response, error: TwilioError): void {
  const body = JSON.stringify(error.toBody());
  res.status(error.status).type('application/json').send(body);
}

/**
 * Every error under /twilio in Twilio's shape: ours as they are, body-parser's (too large, unreadable) as a
 * bad parameter, anything else as Twilio's 20500 without details (logged by kind only: bodies carry codes).
 */
export function twilioErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (res.headersSent) return;
    if (error instanceof TwilioError) return sendTwilioError(res, error);
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status === 413)
      return sendTwilioError(res, new TwilioError(413, 60200, 'Invalid parameter: the body is too large'));
    if (status >= 400 && status < 500) {
      return sendTwilioError(res, new TwilioError(400, 60200, 'Invalid parameter: the body is not a readable form'));
    }
    logger.error({ err: { name: error?.name, message: error?.message } }, 'twilio route failed');
    sendTwilioError(res, new TwilioError(500, 20500, 'An internal server error has occurred'));
  };
}
