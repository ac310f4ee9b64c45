import type { RequestHandler } from 'express';
import { tokenChecker } from '../http/security.ts';
import { TwilioError } from './twilio-error.ts';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

/**
 * HTTP Basic with the account SID and auth token, as Twilio's API takes them (the SDK always sends them this
 * way). Compared in constant time; anything else is Twilio's 401 with code 20003, so an app whose credentials
 * are wrong fails here the way it would against Twilio.
 */
export function twilioAuth({ accountSid, authToken }: TwilioCredentials): RequestHandler {
  const matches = tokenChecker(`${accountSid}:${authToken}`);
  return (req, res, next) => {
    const presented = basicCredentials(req.headers.authorization);
    if (!matches(presented)) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Twilio API"');
      throw new TwilioError(401, 20003, 'Authenticate');
    }
    next();
  };
}

/** `user:password` from a Basic header, or undefined. */
export function basicCredentials(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return decoded.includes(':') ? decoded : undefined;
}
