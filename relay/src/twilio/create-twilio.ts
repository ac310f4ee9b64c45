import type express from 'express';
import type { Logger } from 'pino';
import type { Chaos } from '../chaos.ts';
import type { Clock } from '../clock.ts';
import { createCodeHasher } from '../codes.ts';
import type { EventLog } from '../event-log.ts';
import type { Inbox } from '../inbox/inbox.ts';
import type { MessageReceiver } from '../inbox/message-receiver.ts';
import type { Scheduler } from '../scheduler.ts';
import { createTwilioRouter } from './create-twilio-router.ts';
import { TwilioMessages } from './twilio-messages.ts';
import type { TwilioOrigins } from './twilio-origins.ts';
import { TwilioVerify } from './twilio-verify.ts';

/** What a test run uses when no credentials are configured and test controls are on (README). */
export const TWILIO_TEST_ACCOUNT_SID = `AC${'0'.repeat(32)}`;
export const TWILIO_TEST_AUTH_TOKEN = 'otp-relay-test-auth-token';

export interface TwilioOptions {
  /** Default with test controls on: TWILIO_TEST_ACCOUNT_SID; without test controls Twilio is off unless set. */
  accountSid?: string | undefined;
  authToken?: string | undefined;
  /** The exact origins codes are bound to (--twilio-origin, twilio.json). */
  origins?: TwilioOrigins | undefined;
}

export interface TwilioParts {
  inbox: Inbox;
  receiver: MessageReceiver;
  clock: Clock;
  scheduler: Scheduler;
  events: EventLog;
  chaos: Chaos;
  logger: Logger;
}

export interface Twilio {
  accountSid: string;
  verify: TwilioVerify;
  messages: TwilioMessages;
  router: express.Router;
}

/** The credentials this relay takes, or undefined when Twilio stays off (test controls off, none given). */
export function twilioCredentials(options: TwilioOptions, testControls: boolean) {
  const accountSid = options.accountSid ?? (testControls ? TWILIO_TEST_ACCOUNT_SID : undefined);
  const authToken = options.authToken ?? (testControls ? TWILIO_TEST_AUTH_TOKEN : undefined);
  if (accountSid === undefined || authToken === undefined) return undefined;
  if (!/^AC[0-9A-Za-z]{32}$/.test(accountSid))
    throw new Error('The Twilio account SID must be "AC" and 32 letters or digits.');
  if (authToken.length < 16) throw new Error('The Twilio auth token must be at least 16 characters.');
  return { accountSid, authToken };
}

/** Twilio Verify and Messaging on this relay's inbox, clock and chaos rules, with their router for /twilio. */
export function createTwilio(options: TwilioOptions, testControls: boolean, parts: TwilioParts): Twilio | undefined {
  const credentials = twilioCredentials(options, testControls);
  if (credentials === undefined) return undefined;
  const { accountSid } = credentials;
  const verify = new TwilioVerify({
    accountSid,
    origins: options.origins ?? {},
    hasher: createCodeHasher(),
    ...parts,
  });
  const messages = new TwilioMessages({ accountSid, ...parts });
  const router = createTwilioRouter({ credentials, verify, messages, logger: parts.logger });
  return { accountSid, verify, messages, router };
}
