import type { MailboxStatus } from '@otp-relay/shared';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Inbox } from '../inbox/inbox.ts';
import type { MessageReceiver } from '../inbox/message-receiver.ts';
import type { RawMessages } from '../inbox/raw-messages.ts';
import type { SenderRuleBook } from '../inbox/sender-rule-book.ts';
import type { VerificationService } from '../service.ts';
import type { TestControls } from '../test-controls.ts';
import type { TotpDevices } from '../totp/totp-devices.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

/** What every handler may use. */
export interface RelayContext {
  verifications: VerificationService;
  inbox: Inbox;
  /** The one way in for messages from outside the relay. */
  receiver: MessageReceiver;
  senderRules: SenderRuleBook;
  /** Virtual TOTP devices (authenticator apps for tests). */
  totpDevices: TotpDevices;
  controls: TestControls;
  /** Raw bytes of email messages (SMTP, IMAP); absent where nothing keeps them. */
  rawMessages?: RawMessages;
  /** How each watched mailbox is; absent where none are watched. */
  mailboxes?: () => MailboxStatus[];
  testControls: boolean;
  /** Waiters still open when the relay shuts down are ended through this signal. */
  shutdown: AbortSignal;
}

export interface HandlerInput<B, Q> {
  body: B;
  query: Q;
  params: Record<string, string>;
  ctx: RelayContext;
  /** Aborts when the client goes away (long polls stop waiting). */
  signal: AbortSignal;
  req: Request;
  res: Response;
}

export interface Route<B = unknown, Q = unknown> {
  method: Method;
  path: string;
  /** `token`: bearer token required. */
  auth: 'none' | 'token';
  /** Switched off (404 test_controls_disabled) with --no-test-controls. */
  testControl?: boolean;
  summary: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Success status and shape (for the OpenAPI document); omitted when the handler writes the response. */
  status?: number;
  response?: z.ZodType;
  /** Other success statuses a handler may answer with `new Answer(status, body)`, by status: what they mean. */
  alsoAnswers?: Record<number, string>;
  /** A larger JSON body limit than the API's LIMITS.maxBodyBytes, for this route only. */
  maxBodyBytes?: number;
  handle(input: HandlerInput<B, Q>): unknown;
}

/** Inputs, output and flags of a route: everything but method, path, auth, summary and handler. */
export type RouteIO<B, Q> = Pick<
  Route<B, Q>,
  'body' | 'query' | 'status' | 'response' | 'testControl' | 'alsoAnswers' | 'maxBodyBytes'
>;

/** A handler's result with a status other than its route's usual one (named in the route's `alsoAnswers`). */
export class Answer {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    this.status = status;
    this.body = body;
  }
}

/** One row of the route table; keeps the handler's body and query types tied to the route's schemas. */
export function route<B = undefined, Q = undefined>(
  method: Method,
  path: string,
  auth: Route['auth'],
  summary: string,
  io: RouteIO<B, Q>,
  handle: Route<B, Q>['handle'],
): Route {
  return { method, path, auth, summary, ...io, handle } as unknown as Route;
}
