import {
  ChaosConfigSchema,
  ChaosStateSchema,
  CheckByDestinationRequestSchema,
  CheckRequestSchema,
  CheckResultSchema,
  ClockAdvanceRequestSchema,
  ClockStateSchema,
  CreateVerificationRequestSchema,
  HealthSchema,
  LatestMessageQuerySchema,
  ListMessagesQuerySchema,
  MessageListSchema,
  MessageSchema,
  RelayError,
  VerificationIdSchema,
  VerificationSchema,
} from '@otp-relay/shared';
import { z } from 'zod';
import { landingPage } from './landing-page.ts';
import { type HandlerInput, type Route, route } from './route.ts';

/** Routes that take no input still refuse one: nothing, or `{}`, and nothing else. */
export const EmptyBodySchema = z.strictObject({}).optional();

function verificationId({ params }: Pick<HandlerInput<unknown, unknown>, 'params'>): string {
  const id = params.id ?? '';
  if (!VerificationIdSchema.safeParse(id).success) {
    throw new RelayError('verification_not_found', `No verification ${JSON.stringify(id.slice(0, 80))}.`);
  }
  return id;
}

/**
 * Every HTTP route of the relay in one table (method, path, auth, inputs, output), Mailpit style.
 * The WebSocket stream is served on the same server at GET /api/v1/stream (see stream-server.ts).
 */
export const ROUTES: Route[] = [
  // Meta
  route({
    method: 'get',
    path: '/healthz',
    auth: 'none',
    summary: 'Ready check',
    status: 200,
    response: HealthSchema,
    handle: () => ({ ok: true }),
  }),
  route({
    method: 'get',
    path: '/',
    auth: 'none',
    summary: 'Landing page (HTML)',
    handle: ({ res }) => res.type('html').send(landingPage()),
  }),
  route({
    method: 'get',
    path: '/api/v1/openapi.json',
    auth: 'none',
    summary: 'This OpenAPI 3.1 document',
    handle: ({ res, req }) => res.json(req.app.locals.openapi),
  }),

  // Issuer side
  route({
    method: 'post',
    path: '/api/v1/verifications',
    auth: 'token',
    summary: 'Create a verification and send its code',
    body: CreateVerificationRequestSchema,
    status: 201,
    response: VerificationSchema,
    handle: ({ ctx, body }) => ctx.service.create(body),
  }),
  route({
    method: 'get',
    path: '/api/v1/verifications/:id',
    auth: 'token',
    summary: "A verification's state",
    status: 200,
    response: VerificationSchema,
    handle: (input) => input.ctx.service.get(verificationId(input)),
  }),
  route({
    method: 'post',
    path: '/api/v1/verifications/:id/check',
    auth: 'token',
    summary: 'Check a code by verification id',
    body: CheckRequestSchema,
    status: 200,
    response: CheckResultSchema,
    handle: (input) => input.ctx.service.check(verificationId(input), input.body.code),
  }),
  route({
    method: 'post',
    path: '/api/v1/verification-checks',
    auth: 'token',
    summary: 'Check a code by destination (latest pending verification)',
    body: CheckByDestinationRequestSchema,
    status: 200,
    response: CheckResultSchema,
    handle: ({ ctx, body }) => ctx.service.checkByDestination(body),
  }),
  route({
    method: 'post',
    path: '/api/v1/verifications/:id/resend',
    auth: 'token',
    summary: 'Send a new code; the old one dies',
    body: EmptyBodySchema,
    status: 200,
    response: VerificationSchema,
    handle: (input) => input.ctx.service.resend(verificationId(input)),
  }),
  route({
    method: 'delete',
    path: '/api/v1/verifications/:id',
    auth: 'token',
    summary: 'Cancel a verification',
    body: EmptyBodySchema,
    status: 200,
    response: VerificationSchema,
    handle: (input) => input.ctx.service.cancel(verificationId(input)),
  }),

  // Inbox side
  route({
    method: 'get',
    path: '/api/v1/messages',
    auth: 'token',
    summary: 'Live messages, newest first',
    query: ListMessagesQuerySchema,
    status: 200,
    response: MessageListSchema,
    handle: ({ ctx, query }) => ({ messages: ctx.inbox.list(query, query.limit) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/messages/latest',
    auth: 'token',
    summary: 'Newest live match, long-polling up to `wait` seconds (404 message_not_found when none came)',
    query: LatestMessageQuerySchema,
    status: 200,
    response: MessageSchema,
    handle: async ({ ctx, query, signal }) => {
      const { wait = 0, ...filter } = query;
      const message = await ctx.inbox.wait(filter, wait * 1000, signal);
      if (message === null) throw new RelayError('message_not_found', 'No live message matches.');
      return message;
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/stream',
    auth: 'token',
    summary: 'Live stream (WebSocket upgrade only)',
    handle: () => {
      throw new RelayError('not_found', 'This is a WebSocket endpoint: connect with subprotocol otp-relay.v1.');
    },
  }),

  // Test controls
  route({
    method: 'get',
    path: '/api/v1/chaos',
    auth: 'token',
    testControl: true,
    summary: 'Chaos rules in force',
    status: 200,
    response: ChaosStateSchema,
    handle: ({ ctx }) => ctx.service.chaosState(),
  }),
  route({
    method: 'put',
    path: '/api/v1/chaos',
    auth: 'token',
    testControl: true,
    summary: 'Replace the chaos rules',
    body: ChaosConfigSchema,
    status: 200,
    response: ChaosStateSchema,
    handle: ({ ctx, body }) => ctx.service.setChaos(body.rules),
  }),
  route({
    method: 'get',
    path: '/api/v1/clock',
    auth: 'token',
    testControl: true,
    summary: "The relay's clock",
    status: 200,
    response: ClockStateSchema,
    handle: ({ ctx }) => ctx.service.clockState(),
  }),
  route({
    method: 'post',
    path: '/api/v1/clock/advance',
    auth: 'token',
    testControl: true,
    summary: 'Advance the test clock (409 test_clock_disabled without --test-clock)',
    body: ClockAdvanceRequestSchema,
    status: 200,
    response: ClockStateSchema,
    handle: ({ ctx, body }) => ctx.service.advanceClock(body.ms),
  }),
  route({
    method: 'post',
    path: '/api/v1/reset',
    auth: 'token',
    testControl: true,
    summary: 'Forget all state',
    body: EmptyBodySchema,
    status: 204,
    handle: ({ ctx }) => ctx.service.reset(),
  }),
];
