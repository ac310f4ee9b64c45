import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { PHONE_APPS, type PhoneApp, PhoneAppSchema, RelayError } from '@otp-relay/shared';
import { z } from 'zod';

/** The app names and their schema are wire: shared/src/phones.ts. */
export { PHONE_APPS, type PhoneApp, PhoneAppSchema };

/** A request sent by a device is accepted only within this distance of the relay's clock. */
export const MAX_SKEW_MS = 5 * 60_000;

export interface PhoneRequest {
  /** The raw body: signatures are over bytes, never over re-serialised JSON. */
  body: Buffer;
  headers: IncomingHttpHeaders;
}

/** What an adapter read from a verified request. */
export interface ForwardedSms {
  from: string;
  text: string;
  /** When the phone got it, ms; undefined when the app does not say. */
  receivedAt: number | undefined;
  /** Names this delivery (a signature or an event id): a second request with it is a replay. */
  replayKey: string | undefined;
}

/** `undefined`: a well-signed event that is not an incoming SMS (a ping, a sent report); acknowledged, not stored. */
export type Adapter = (request: PhoneRequest, secret: string, now: number) => ForwardedSms | undefined;

const hmac = (secret: string, data: string | Buffer) => createHmac('sha256', secret).update(data);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const refuse = (detail: string) => new RelayError('unauthorized', detail);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function fresh(at: number, now: number, what: string): void {
  if (!Number.isFinite(at) || Math.abs(now - at) > MAX_SKEW_MS) {
    throw refuse(`${what} is more than 5 minutes away from the relay's clock: check the phone's time.`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new RelayError('validation_failed', 'The request is not what this app sends.', {
    errors: parsed.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
      message: issue.message,
    })),
  });
}

function json(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new RelayError('malformed_json', 'The body is not valid JSON.');
  }
}

function bearer(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header(headers, 'authorization') ?? '');
  return match?.[1];
}

const Millis = z.union([z.number(), z.string().regex(/^\d{1,16}$/)]).transform(Number);

/**
 * pppscn/SmsForwarder, webhook sender (POST form by default): `from`, `content`, `timestamp` (ms) and
 * `sign` = URL-encoded Base64 of HMAC-SHA256(key = secret, data = "timestamp\nsecret"), as in
 * app/src/main/kotlin/com/idormy/sms/forwarder/utils/sender/WebhookUtils.kt
 * (https://github.com/pppscn/SmsForwarder). The app URL-encodes the Base64 and the form encoding adds a
 * second layer, so after form decoding either form may arrive: both are accepted.
 */
const SmsForwarderSchema = z.object({
  from: z.string().min(1).max(256),
  content: z.string().max(10_000),
  timestamp: Millis,
  sign: z.string().min(1).max(512),
});
const smsForwarder: Adapter = ({ body, headers }, secret, now) => {
  const type = header(headers, 'content-type') ?? '';
  const fields = type.includes('json') ? json(body) : Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  const sms = parseWith(SmsForwarderSchema, fields);
  const expected = hmac(secret, `${sms.timestamp}\n${secret}`).digest('base64');
  let decoded = sms.sign;
  try {
    decoded = decodeURIComponent(sms.sign);
  } catch {}
  if (!same(decoded, expected) && !same(sms.sign, expected))
    throw refuse("The sign does not match this phone's secret.");
  fresh(sms.timestamp, now, 'The timestamp');
  return { from: sms.from, text: sms.content, receivedAt: sms.timestamp, replayKey: expected };
};

/**
 * bogkonstantin/android_income_sms_gateway_webhook: the JSON template from its README (`from`, `text`,
 * `sentStamp`, `receivedStamp` in ms, `sim`) and, with "Sign with HMAC-SHA-256" on, `X-Signature` = hex
 * HMAC-SHA256 of the payload with the secret
 * (https://github.com/bogkonstantin/android_income_sms_gateway_webhook/blob/master/README.md).
 * It sends no signed time, so `receivedStamp` (inside the signed payload) is the one checked for staleness.
 */
const IncomeSmsSchema = z.object({
  from: z.string().min(1).max(256),
  text: z.string().max(10_000),
  sentStamp: Millis.optional(),
  receivedStamp: Millis,
  sim: z.string().max(64).optional(),
});
const incomeSmsGateway: Adapter = ({ body, headers }, secret, now) => {
  const signature = header(headers, 'x-signature') ?? '';
  if (!same(signature.toLowerCase(), hmac(secret, body).digest('hex'))) {
    throw refuse('X-Signature does not match this phone\'s secret (turn on "Sign with HMAC-SHA-256").');
  }
  const sms = parseWith(IncomeSmsSchema, json(body));
  fresh(sms.receivedStamp, now, 'receivedStamp');
  return { from: sms.from, text: sms.text, receivedAt: sms.receivedStamp, replayKey: signature.toLowerCase() };
};

/**
 * capcom6/android-sms-gateway webhooks: `{event, payload}` with `sms:received` carrying `message`,
 * `phoneNumber`, `receivedAt`; `X-Signature` = hex HMAC-SHA256(key = signing key, data = raw body +
 * X-Timestamp), X-Timestamp in Unix seconds
 * (https://github.com/android-sms-gateway/docs-web/blob/master/docs/features/webhooks.md).
 */
const SmsGatewaySchema = z.object({
  id: z.string().max(128).optional(),
  event: z.string().max(64),
  payload: z.record(z.string(), z.unknown()),
});
const SmsReceivedSchema = z.object({
  messageId: z.string().max(128).optional(),
  message: z.string().max(10_000),
  phoneNumber: z.string().min(1).max(256),
  receivedAt: z.string().max(64).optional(),
});
const androidSmsGateway: Adapter = ({ body, headers }, secret, now) => {
  const timestamp = header(headers, 'x-timestamp') ?? '';
  const signature = (header(headers, 'x-signature') ?? '').toLowerCase();
  const expected = hmac(secret, Buffer.concat([body, Buffer.from(timestamp)])).digest('hex');
  if (!/^\d{1,12}$/.test(timestamp) || !same(signature, expected)) {
    throw refuse("X-Signature does not match this phone's signing key and X-Timestamp.");
  }
  fresh(Number(timestamp) * 1000, now, 'X-Timestamp');
  const event = parseWith(SmsGatewaySchema, json(body));
  if (event.event !== 'sms:received') return undefined;
  const sms = parseWith(SmsReceivedSchema, event.payload);
  const at = sms.receivedAt === undefined ? Number.NaN : Date.parse(sms.receivedAt);
  return {
    from: sms.phoneNumber,
    text: sms.message,
    receivedAt: Number.isNaN(at) ? undefined : at,
    replayKey: signature,
  };
};

/**
 * httpSMS (NdoleStudio/httpsms) webhooks: CloudEvents JSON, `type` `message.phone.received`, `data.contact`,
 * `data.content`, `data.timestamp`; signed by an HS256 JWT in `Authorization: Bearer` made with the
 * webhook's signing key (https://docs.httpsms.com/webhooks). The event id names the delivery.
 */
const CloudEventSchema = z.object({
  id: z.string().min(1).max(128),
  type: z.string().max(128),
  time: z.string().max(64).optional(),
  data: z.record(z.string(), z.unknown()),
});
const HttpSmsReceivedSchema = z.object({
  contact: z.string().min(1).max(256),
  content: z.string().max(10_000),
  timestamp: z.string().max(64).optional(),
});
const httpSms: Adapter = ({ body, headers }, secret, now) => {
  const claims = verifyHs256(bearer(headers), secret);
  const issuedAt = typeof claims.iat === 'number' ? claims.iat * 1000 : Number.NaN;
  fresh(issuedAt, now, "The token's iat");
  if (typeof claims.exp === 'number' && claims.exp * 1000 < now - MAX_SKEW_MS) throw refuse('The token has expired.');
  const event = parseWith(CloudEventSchema, json(body));
  if (event.type !== 'message.phone.received') return undefined;
  const sms = parseWith(HttpSmsReceivedSchema, event.data);
  const at = Date.parse(sms.timestamp ?? event.time ?? '');
  return {
    from: sms.contact,
    text: sms.content,
    receivedAt: Number.isNaN(at) ? undefined : at,
    replayKey: `event:${event.id}`,
  };
};

function verifyHs256(token: string | undefined, secret: string): Record<string, unknown> {
  const parts = token?.split('.') ?? [];
  if (parts.length !== 3) throw refuse('Send the httpSMS JWT as "Authorization: Bearer <jwt>".');
  const [head, payload, signature] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw refuse('The JWT is not readable.');
  }
  // Only HS256: a token naming another algorithm (or "none") is refused before its signature is looked at.
  if ((header as { alg?: unknown })?.alg !== 'HS256') throw refuse('The JWT must be signed with HS256.');
  if (!same(signature, hmac(secret, `${head}.${payload}`).digest('base64url'))) {
    throw refuse("The JWT is not signed with this phone's signing key.");
  }
  if (typeof claims !== 'object' || claims === null) throw refuse('The JWT carries no claims.');
  return claims as Record<string, unknown>;
}

/** iOS Shortcuts ("Get contents of URL") and anything else: JSON `{from, text, receivedAt?}` with the secret as a bearer. */
const PlainSchema = z.strictObject({
  from: z.string().min(1).max(256),
  text: z.string().max(10_000),
  receivedAt: z.union([z.number(), z.iso.datetime({ offset: true })]).optional(),
});
const shortcuts: Adapter = ({ body, headers }, secret, now) => {
  if (!same(bearer(headers) ?? '', secret))
    throw refuse('Send this phone\'s secret as "Authorization: Bearer <secret>".');
  const sms = parseWith(PlainSchema, json(body));
  const at =
    sms.receivedAt === undefined
      ? undefined
      : typeof sms.receivedAt === 'number'
        ? sms.receivedAt
        : Date.parse(sms.receivedAt);
  if (at !== undefined) fresh(at, now, 'receivedAt');
  return { from: sms.from, text: sms.text, receivedAt: at, replayKey: undefined };
};

export const ADAPTERS: Record<PhoneApp, Adapter> = {
  smsforwarder: smsForwarder,
  'income-sms-gateway': incomeSmsGateway,
  'android-sms-gateway': androidSmsGateway,
  httpsms: httpSms,
  shortcuts,
};
