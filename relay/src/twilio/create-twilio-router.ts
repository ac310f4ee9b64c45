import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type TwilioCredentials, twilioAuth } from './twilio-auth.ts';
import { invalidParameter, notFound, TwilioError, twilioErrorHandler } from './twilio-error.ts';
import { messageJson, type TwilioMessages } from './twilio-messages.ts';
import { type CheckTarget, type TwilioVerify, VERIFY_CHANNELS, type VerifyChannel } from './twilio-verify.ts';
import { serviceJson, VERIFY_BASE, verificationCheckJson, verificationJson } from './verify-shapes.ts';

export interface TwilioRouterOptions {
  credentials: TwilioCredentials;
  verify: TwilioVerify;
  messages: TwilioMessages;
  logger: Logger;
}

/** A Twilio form: every value a string (or repeated: a list); anything else is no form. */
const FormSchema = z.record(z.string(), z.union([z.string().max(16_384), z.array(z.string().max(16_384)).max(50)]));
type Form = z.infer<typeof FormSchema>;

const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);

/**
 * `https://verify.twilio.com/<path>` and `https://api.twilio.com/<path>` served at `<relay>/twilio/<path>`:
 * Verify v2 (Services, Verifications, VerificationCheck) and Programmable Messaging (Messages.json), with
 * Twilio's form-encoded requests, snake_case JSON and error bodies. Outside the relay's token-guarded /api:
 * an app authenticates as it does with Twilio (Basic, account SID and auth token); the Host allow-list of the
 * whole app still applies.
 */
export function createTwilioRouter({ credentials, verify, messages, logger }: TwilioRouterOptions): express.Router {
  const router = express.Router();
  const accountSid = credentials.accountSid;
  router.use(twilioAuth(credentials));
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }));

  // Verify v2: Services
  router.post('/v2/Services', (req, res) => {
    const form = formOf(req);
    const friendlyName = text(form, 'FriendlyName');
    if (friendlyName === undefined || friendlyName.trim() === '' || friendlyName.length > 64) {
      throw invalidParameter('FriendlyName', 'required, at most 64 characters');
    }
    const codeLength = integer(form, 'CodeLength', 4, 10) ?? 6;
    send(res, 201, serviceJson(verify.createService(friendlyName, codeLength), accountSid));
  });
  router.get('/v2/Services', (req, res) => {
    const pageSize = pageParam(req, 'PageSize', 50, 1, 1000);
    const page = pageParam(req, 'Page', 0, 0, 1_000_000);
    const all = verify.services();
    const slice = all.slice(page * pageSize, (page + 1) * pageSize);
    const pageUrl = (n: number) => `${VERIFY_BASE}/Services?PageSize=${pageSize}&Page=${n}`;
    send(res, 200, {
      services: slice.map((service) => serviceJson(service, accountSid)),
      meta: {
        page,
        page_size: pageSize,
        first_page_url: pageUrl(0),
        previous_page_url: page > 0 ? pageUrl(page - 1) : null,
        url: pageUrl(page),
        next_page_url: (page + 1) * pageSize < all.length ? pageUrl(page + 1) : null,
        key: 'services',
      },
    });
  });
  router.get('/v2/Services/:serviceSid', (req, res) => {
    send(res, 200, serviceJson(verify.service(param(req, 'serviceSid')), accountSid));
  });

  // Verify v2: Verifications and VerificationCheck
  router.post('/v2/Services/:serviceSid/Verifications', (req, res) => {
    const form = formOf(req);
    const to = text(form, 'To');
    if (to === undefined || to === '') throw invalidParameter('To', 'required');
    const channel = text(form, 'Channel');
    if (channel === undefined || !(VERIFY_CHANNELS as readonly string[]).includes(channel)) {
      throw invalidParameter('Channel', `one of ${VERIFY_CHANNELS.join(', ')}`);
    }
    const locale = text(form, 'Locale');
    if (locale !== undefined && !/^[a-z]{2}(-[A-Za-z]{2,4})?$/.test(locale)) throw invalidParameter('Locale');
    const record = verify.create(param(req, 'serviceSid'), {
      to: to.trim(),
      channel: channel as VerifyChannel,
      customCode: text(form, 'CustomCode'),
      amount: text(form, 'Amount'),
      payee: text(form, 'Payee'),
    });
    send(res, 201, verificationJson(record, accountSid));
  });
  router.get('/v2/Services/:serviceSid/Verifications/:sid', (req, res) => {
    send(res, 200, verificationJson(verify.fetch(param(req, 'serviceSid'), param(req, 'sid')), accountSid));
  });
  router.post('/v2/Services/:serviceSid/Verifications/:sid', (req, res) => {
    const status = text(formOf(req), 'Status');
    if (status !== 'canceled' && status !== 'approved') throw invalidParameter('Status', 'canceled or approved');
    send(res, 200, verificationJson(verify.update(param(req, 'serviceSid'), param(req, 'sid'), status), accountSid));
  });
  router.post('/v2/Services/:serviceSid/VerificationCheck', (req, res) => {
    const form = formOf(req);
    const code = text(form, 'Code');
    if (code === undefined || code === '' || code.length > 32) throw invalidParameter('Code', 'required');
    const to = text(form, 'To');
    const verificationSid = text(form, 'VerificationSid');
    let target: CheckTarget;
    if (verificationSid !== undefined && verificationSid !== '') {
      if (!SID('VE').test(verificationSid)) throw invalidParameter('VerificationSid');
      target = { verificationSid };
    } else if (to !== undefined && to !== '') {
      target = { to: to.trim() };
    } else {
      throw invalidParameter('To', 'To or VerificationSid is required');
    }
    send(res, 200, verificationCheckJson(verify.check(param(req, 'serviceSid'), target, code), accountSid));
  });

  // Programmable Messaging (2010-04-01)
  const account = (req: Request) => {
    if (param(req, 'accountSid') !== accountSid)
      throw notFound(req.originalUrl.replace(/^\/twilio/, '').split('?')[0] ?? '');
  };
  router.post('/2010-04-01/Accounts/:accountSid/Messages.json', (req, res) => {
    account(req);
    const form = formOf(req);
    const record = messages.send({
      to: text(form, 'To')?.trim(),
      from: text(form, 'From')?.trim(),
      messagingServiceSid: text(form, 'MessagingServiceSid')?.trim(),
      body: text(form, 'Body'),
      statusCallback: text(form, 'StatusCallback'),
    });
    send(res, 201, messageJson(record, accountSid));
  });
  router.get('/2010-04-01/Accounts/:accountSid/Messages.json', (req, res) => {
    account(req);
    const pageSize = pageParam(req, 'PageSize', 50, 1, 1000);
    const page = pageParam(req, 'Page', 0, 0, 1_000_000);
    const to = typeof req.query.To === 'string' ? req.query.To : undefined;
    const from = typeof req.query.From === 'string' ? req.query.From : undefined;
    const all = messages.list({ to, from });
    const slice = all.slice(page * pageSize, (page + 1) * pageSize);
    const base = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    const pageUri = (n: number) => `${base}?PageSize=${pageSize}&Page=${n}`;
    send(res, 200, {
      messages: slice.map((record) => messageJson(record, accountSid)),
      end: page * pageSize + Math.max(0, slice.length - 1),
      first_page_uri: pageUri(0),
      next_page_uri: (page + 1) * pageSize < all.length ? pageUri(page + 1) : null,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      start: page * pageSize,
      uri: pageUri(page),
    });
  });
  router.get('/2010-04-01/Accounts/:accountSid/Messages/:sid.json', (req, res) => {
    account(req);
    send(res, 200, messageJson(messages.fetch(param(req, 'sid')), accountSid));
  });

  router.use((req) => {
    throw notFound(req.originalUrl.replace(/^\/twilio/, '').split('?')[0] ?? '');
  });
  router.use(twilioErrorHandler(logger));
  return router;
}

function send(res: Response, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

function formOf(req: Request): Form {
  if (req.body === undefined) return {};
  const parsed = FormSchema.safeParse(req.body);
  if (!parsed.success) throw new TwilioError(400, 60200, 'Invalid parameter: the body is not a form Twilio accepts');
  return parsed.data;
}

/** A single-valued field; a repeated one (To=a&To=b) is a bad parameter, as Twilio reads it. */
function text(form: Form, name: string): string | undefined {
  const value = form[name];
  if (Array.isArray(value)) throw invalidParameter(name, 'given more than once');
  return value;
}

function integer(form: Form, name: string, min: number, max: number): number | undefined {
  const value = text(form, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw invalidParameter(name, `a whole number ${min}–${max}`);
  return n;
}

function param(req: Request, name: string): string {
  return String(req.params[name] ?? '');
}

function pageParam(req: Request, name: string, fallback: number, min: number, max: number): number {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || n < min || n > max) {
    throw new TwilioError(400, 20001, `Invalid ${name}: a whole number ${min}–${max}`);
  }
  return n;
}
