import { randomUUID } from 'node:crypto';
import { isE164Phone } from '@otp-relay/shared';
import express, { type Request } from 'express';
import type { Logger } from 'pino';
import type { Chaos } from '../chaos.ts';
import type { EventLog } from '../event-log.ts';
import type { MessageReceiver, ReceivedMessage } from '../inbox/message-receiver.ts';
import type { Scheduler } from '../scheduler.ts';
import { isRefusal, parseSigV4, verifySigV4 } from './sigv4.ts';
import { escapeXml, SNS_XMLNS, SnsError, sendSnsError, sendXml } from './sns-error.ts';

export interface SnsRouterOptions {
  /** Access key id → secret: signatures by these keys are verified in full. */
  keys: ReadonlyMap<string, string>;
  /** Test controls on: any other key is accepted too, with a well-formed signature header and date. */
  acceptAnyKey: boolean;
  receiver: MessageReceiver;
  chaos: Chaos;
  /** Runs chaos-delayed deliveries on the relay's clock (the test clock included); reset drops them. */
  scheduler: Scheduler;
  clock: { now(): number };
  events: EventLog;
  logger: Logger;
  /** Wall time for signature dates (clients sign with theirs, not the relay's test clock). */
  now?: () => number;
}

/** SNS caps an SMS message at 1,600 bytes … and a Publish message at 256 KiB; an SMS is what lands here. */
const MAX_SMS = 1600;

/**
 * AWS SNS's query API (awsQuery: form-encoded `Action=Publish&Version=2010-03-31`, XML answers), which
 * `@aws-sdk/client-sns` speaks, at /aws/sns: an app sets `AWS_ENDPOINT_URL_SNS=<relay>/aws/sns` and its
 * `Publish` with a `PhoneNumber` lands in the inbox through the MessageReceiver (source `sns`). Requests are
 * SigV4-signed; the signature is verified for configured keys.
 */
export function createSnsRouter(options: SnsRouterOptions) {
  const { keys, acceptAnyKey, receiver, chaos, scheduler, clock, events, logger, now = Date.now } = options;
  const router = express.Router();
  const held = new Map<string, ReceivedMessage>();
  scheduler.handle('sns-deliver', (id) => {
    const message = held.get(id);
    held.delete(id);
    if (message !== undefined) receiver.receive(message);
  });
  events.subscribe((event) => {
    if (event.type === 'reset') held.clear();
  });
  // The raw bytes: the signature covers the body's hash, so it is parsed only after it is checked.
  router.use(express.raw({ type: () => true, limit: '300kb' }));
  router.post('/', (req, res) => {
    authenticate(req);
    const form = formOf(req);
    const action = form.get('Action');
    if (action !== 'Publish') {
      throw new SnsError(400, 'InvalidAction', `The action ${action ?? '(none)'} is not valid for this endpoint.`);
    }
    if (form.get('Version') !== '2010-03-31') {
      throw new SnsError(400, 'InvalidParameterValue', 'Version must be 2010-03-31.');
    }
    const phone = form.get('PhoneNumber');
    if (phone === null || phone === '') {
      const target = form.get('TopicArn') ?? form.get('TargetArn');
      throw new SnsError(
        400,
        'InvalidParameter',
        target === null
          ? 'Invalid parameter: PhoneNumber Reason: one of PhoneNumber, TopicArn or TargetArn is required'
          : 'Invalid parameter: TopicArn Reason: this relay takes SMS by PhoneNumber only',
      );
    }
    if (!isE164Phone(phone)) {
      throw new SnsError(
        400,
        'InvalidParameter',
        `Invalid parameter: PhoneNumber Reason: ${phone.slice(0, 40)} is not valid to publish to`,
      );
    }
    const message = form.get('Message');
    if (message === null || message === '')
      throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: Empty message');
    if (Buffer.byteLength(message) > MAX_SMS) {
      throw new SnsError(
        400,
        'InvalidParameter',
        'Invalid parameter: Message too long for an SMS (1600 bytes at most)',
      );
    }
    const plan = chaos.plan({ to: phone, channel: 'sms', purpose: 'login' });
    if (plan.action === 'fail')
      throw new SnsError(500, 'InternalError', 'The request processing has failed (chaos rule).', 'Receiver');
    const messageId = randomUUID();
    if (plan.action === 'deliver') {
      const received: ReceivedMessage = {
        source: 'sns',
        channel: 'sms',
        from: attribute(form, 'AWS.SNS.SMS.SenderID') ?? 'AWS SNS',
        to: phone,
        text: message,
        folder: plan.folder,
      };
      if (plan.delayMs > 0) {
        held.set(messageId, received);
        scheduler.schedule('sns-deliver', messageId, clock.now() + plan.delayMs);
      } else {
        receiver.receive(received);
      }
    }
    const requestId = randomUUID();
    logger.info({ messageId, delivery: plan.action }, 'sns publish');
    res.setHeader('x-amzn-RequestId', requestId);
    sendXml(
      res,
      200,
      `<PublishResponse xmlns="${SNS_XMLNS}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult>` +
        `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  });
  router.use((req) => {
    throw new SnsError(
      404,
      'UnknownOperationException',
      `No SNS operation at ${req.method} ${req.originalUrl.split('?')[0]}.`,
    );
  });
  router.use((error: unknown, _req: Request, res: express.Response, _next: express.NextFunction) => {
    if (res.headersSent) return;
    if (error instanceof SnsError) return sendSnsError(res, error);
    const status = (error as { status?: unknown })?.status;
    if (status === 413)
      return sendSnsError(res, new SnsError(413, 'RequestEntityTooLarge', 'The request is too large.'));
    logger.error({ err: { name: (error as Error)?.name } }, 'sns route failed');
    sendSnsError(res, new SnsError(500, 'InternalFailure', 'The request processing has failed.', 'Receiver'));
  });
  return router;

  function authenticate(req: Request): void {
    const header = parseSigV4(req.headers.authorization);
    if (isRefusal(header))
      throw new SnsError(header.code === 'MissingAuthenticationToken' ? 403 : 400, header.code, header.message);
    if (header.service !== 'sns') {
      throw new SnsError(400, 'IncompleteSignature', `Credential should be scoped to correct service: 'sns'.`);
    }
    const secret = keys.get(header.accessKeyId);
    if (secret === undefined && !acceptAnyKey) {
      throw new SnsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    const [path = '/', query = ''] = req.originalUrl.split('?', 2);
    const refusal = verifySigV4(
      {
        method: req.method,
        path,
        query,
        headers: req.headers,
        body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      },
      header,
      secret,
      now(),
    );
    if (refusal !== null)
      throw new SnsError(refusal.code === 'RequestExpired' ? 400 : 403, refusal.code, refusal.message);
  }
}

function formOf(req: Request): URLSearchParams {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new SnsError(
      400,
      'InvalidParameterValue',
      'Send the awsQuery form (Content-Type: application/x-www-form-urlencoded).',
    );
  }
  return new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
}

/** `MessageAttributes.entry.N.Name` = name → its `Value.StringValue`. */
function attribute(form: URLSearchParams, name: string): string | undefined {
  for (let n = 1; n <= 10; n++) {
    if (form.get(`MessageAttributes.entry.${n}.Name`) === name) {
      const value = form.get(`MessageAttributes.entry.${n}.Value.StringValue`)?.trim();
      return value === undefined || value === '' ? undefined : value.slice(0, 64);
    }
  }
  return undefined;
}
