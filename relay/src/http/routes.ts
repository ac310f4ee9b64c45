import {
  ChaosConfigSchema,
  ChaosStateSchema,
  CheckByDestinationRequestSchema,
  CheckRequestSchema,
  CheckResultSchema,
  ClockAdvanceRequestSchema,
  ClockStateSchema,
  CreateTotpDeviceRequestSchema,
  CreateVerificationRequestSchema,
  HealthSchema,
  INBOUND_MAX_BODY_BYTES,
  type InboundMessageRequest,
  InboundMessageRequestSchema,
  type LatestMessageQuery,
  LatestMessageQuerySchema,
  ListMessagesQuerySchema,
  MailboxStatusListSchema,
  MESSAGE_PAGE_SIZE,
  MessageListSchema,
  MessageSchema,
  RelayError,
  SenderRulesStateSchema,
  SessionAnswerSchema,
  SessionRequestSchema,
  TotpCodeSchema,
  TotpDeviceListSchema,
  TotpDeviceSchema,
  VerificationIdSchema,
  VerificationSchema,
} from '@otp-relay/shared';
import { z } from 'zod';
import { SenderRulesBodySchema } from '../inbox/sender-rule-book.ts';
import { landingPage } from './landing-page.ts';
import { Answer, type HandlerInput, type Route, route } from './route.ts';
import type { SessionAuth } from './session-auth.ts';

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
 * Every HTTP route of the relay in one table, Mailpit style: method, path, auth, what it does, its input and
 * output schemas (also the source of the OpenAPI document), and the handler. The WebSocket stream is served
 * on the same server at GET /api/v1/stream (see stream-server.ts); its row here only answers plain GETs.
 */
// biome-ignore format: one route per row, so the table can be read down its columns
export const ROUTES: Route[] = [
  route('get', '/healthz', 'none', 'Ready check',
    { status: 200, response: HealthSchema },
    () => ({ ok: true })),
  route('get', '/', 'none', 'Landing page (HTML)',
    {},
    ({ res }) => res.type('html').send(landingPage())),
  route('get', '/api/v1/openapi.json', 'none', 'This OpenAPI 3.1 document',
    {},
    ({ res, req }) => res.json(req.app.locals.openapi)),
  route('post', '/api/v1/session', 'none', 'Start a session: the relay proves the token on your nonce; sign requests with the derived key (docs/security.md)',
    { body: SessionRequestSchema, status: 200, response: SessionAnswerSchema },
    ({ body, req }) => (req.app.locals.sessions as SessionAuth).handshake(body.clientNonce)),

  // Issuer side
  route('post', '/api/v1/verifications', 'token', 'Create a verification and send its code',
    { body: CreateVerificationRequestSchema, status: 201, response: VerificationSchema },
    ({ ctx, body }) => ctx.verifications.create(body)),
  route('get', '/api/v1/verifications/:id', 'token', "A verification's state",
    { status: 200, response: VerificationSchema },
    (input) => input.ctx.verifications.get(verificationId(input))),
  route('post', '/api/v1/verifications/:id/check', 'token', 'Check a code by verification id',
    { body: CheckRequestSchema, status: 200, response: CheckResultSchema },
    (input) => input.ctx.verifications.check(verificationId(input), input.body.code)),
  route('post', '/api/v1/verification-checks', 'token', 'Check a code by destination (its latest pending verification)',
    { body: CheckByDestinationRequestSchema, status: 200, response: CheckResultSchema },
    ({ ctx, body }) => ctx.verifications.checkByDestination(body)),
  route('post', '/api/v1/verifications/:id/resend', 'token', 'Send a new code; the old one dies at once',
    { body: EmptyBodySchema, status: 200, response: VerificationSchema },
    (input) => input.ctx.verifications.resend(verificationId(input))),
  route('delete', '/api/v1/verifications/:id', 'token', 'Cancel a verification',
    { body: EmptyBodySchema, status: 200, response: VerificationSchema },
    (input) => input.ctx.verifications.cancel(verificationId(input))),

  // Inbox side
  route('get', '/api/v1/messages', 'token', 'Live messages, newest first',
    { query: ListMessagesQuerySchema, status: 200, response: MessageListSchema },
    ({ ctx, query }) => ctx.inbox.page(query, query.limit ?? MESSAGE_PAGE_SIZE, query.cursor)),
  route('get', '/api/v1/messages/latest', 'token', 'Newest live match, long-polling up to `wait` s (else 404 message_not_found)',
    { query: LatestMessageQuerySchema, status: 200, response: MessageSchema },
    latestMessage),
  route('get', '/api/v1/messages/:id/raw', 'token', 'The message exactly as received over SMTP or IMAP (message/rfc822; else 404 message_not_found)',
    {},
    rawMessage),
  route('get', '/api/v1/mailboxes', 'token', 'How each watched mailbox is (watched, reconnecting, auth failed…)',
    { status: 200, response: MailboxStatusListSchema },
    ({ ctx }) => ({ mailboxes: ctx.mailboxes?.() ?? [] })),
  route('post', '/api/v1/inbound', 'token', 'Hand over a message that arrived elsewhere; the relay finds its code and site (200: the same message within a minute, stored once)',
    { body: InboundMessageRequestSchema, maxBodyBytes: INBOUND_MAX_BODY_BYTES, status: 201, response: MessageSchema, alsoAnswers: { 200: 'The same message arrived within the last minute: the first one, stored once' } },
    receiveInbound),
  route('get', '/api/v1/sender-rules', 'token', "The seller's own sender rules and the built-in ones (checked after)",
    { status: 200, response: SenderRulesStateSchema },
    ({ ctx }) => ctx.senderRules.state()),
  route('put', '/api/v1/sender-rules', 'token', "Replace the seller's own sender rules",
    { body: SenderRulesBodySchema, status: 200, response: SenderRulesStateSchema },
    ({ ctx, body }) => ctx.senderRules.replace(body.rules)),

  // Virtual TOTP devices: an authenticator app a test holds (in memory; POST /reset forgets them)
  route('post', '/api/v1/totp-devices', 'token', 'Add a TOTP device from {otpauthUri} or {secret, digits?, period?, algorithm?, label?}; its secret is never shown again',
    { body: CreateTotpDeviceRequestSchema, status: 201, response: TotpDeviceSchema },
    ({ ctx, body }) => ctx.totpDevices.add(body)),
  route('get', '/api/v1/totp-devices', 'token', 'The TOTP devices (no secrets)',
    { status: 200, response: TotpDeviceListSchema },
    ({ ctx }) => ({ devices: ctx.totpDevices.list() })),
  route('get', '/api/v1/totp-devices/:id', 'token', 'One TOTP device (no secret; 404 totp_device_not_found)',
    { status: 200, response: TotpDeviceSchema },
    ({ ctx, params }) => ctx.totpDevices.get(params.id ?? '')),
  route('get', '/api/v1/totp-devices/:id/code', 'token', "The device's code now, on the relay's clock (404 totp_device_not_found)",
    { status: 200, response: TotpCodeSchema },
    ({ ctx, params }) => ctx.totpDevices.code(params.id ?? '')),
  route('delete', '/api/v1/totp-devices/:id', 'token', 'Delete a TOTP device: its code is gone at once',
    { body: EmptyBodySchema, status: 200, response: TotpDeviceSchema },
    ({ ctx, params }) => ctx.totpDevices.remove(params.id ?? '')),

  route('get', '/api/v1/stream', 'token', 'Live stream (WebSocket upgrade only)',
    {},
    () => { throw new RelayError('not_found', 'This is a WebSocket endpoint: connect with subprotocol otp-relay.v1.'); }),

  // Test controls (404 test_controls_disabled with --no-test-controls)
  route('get', '/api/v1/chaos', 'token', 'Chaos rules in force',
    { testControl: true, status: 200, response: ChaosStateSchema },
    ({ ctx }) => ctx.controls.chaosState()),
  route('put', '/api/v1/chaos', 'token', 'Replace the chaos rules',
    { testControl: true, body: ChaosConfigSchema, status: 200, response: ChaosStateSchema },
    ({ ctx, body }) => ctx.controls.setChaos(body.rules)),
  route('get', '/api/v1/clock', 'token', "The relay's clock",
    { testControl: true, status: 200, response: ClockStateSchema },
    ({ ctx }) => ctx.controls.clockState()),
  route('post', '/api/v1/clock/advance', 'token', 'Advance the test clock (409 test_clock_disabled on the real one)',
    { testControl: true, body: ClockAdvanceRequestSchema, status: 200, response: ClockStateSchema },
    ({ ctx, body }) => ctx.controls.advanceClock(body.ms)),
  route('post', '/api/v1/reset', 'token', 'Forget all state',
    { testControl: true, body: EmptyBodySchema, status: 204 },
    ({ ctx }) => ctx.controls.reset()),
];

function receiveInbound({ ctx, body }: HandlerInput<InboundMessageRequest, unknown>) {
  const { receivedAt, ...rest } = body;
  const { message, duplicate } = ctx.receiver.receive({
    source: 'inbound',
    ...rest,
    ...(receivedAt === undefined ? {} : { receivedAt: Date.parse(receivedAt) }),
  });
  return duplicate ? new Answer(200, message) : message;
}

function rawMessage({ ctx, params, res }: HandlerInput<unknown, unknown>) {
  const id = params.id ?? '';
  const raw = ctx.rawMessages?.get(id);
  if (raw === undefined) {
    throw new RelayError(
      'message_not_found',
      `No raw message ${JSON.stringify(id.slice(0, 80))}: only live messages received over SMTP or IMAP keep one.`,
    );
  }
  res.type('message/rfc822').send(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
}

async function latestMessage({ ctx, query, signal }: HandlerInput<unknown, LatestMessageQuery>) {
  const { wait = 0, ...filter } = query;
  const message = await ctx.inbox.wait(filter, wait * 1000, signal);
  if (message === null) throw new RelayError('message_not_found', 'No live message matches.');
  return message;
}
