import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Inbox } from '../inbox/inbox.ts';
import type { VerificationService } from '../service.ts';
import type { TestControls } from '../test-controls.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

/** What every handler may use. */
export interface RelayContext {
  verifications: VerificationService;
  inbox: Inbox;
  controls: TestControls;
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
  handle(input: HandlerInput<B, Q>): unknown;
}

/** Inputs, output and flags of a route: everything but method, path, auth, summary and handler. */
export type RouteIO<B, Q> = Pick<Route<B, Q>, 'body' | 'query' | 'status' | 'response' | 'testControl'>;

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
