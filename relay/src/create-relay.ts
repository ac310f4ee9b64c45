import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_HOST, LIMITS } from '@otp-relay/shared';
import type express from 'express';
import type { Logger } from 'pino';
import { type Clock, createRealClock, createTestClock } from './clock.ts';
import type { ConfigStore } from './config/config-store.ts';
import { createService } from './create-service.ts';
import { createDemoRouter } from './demo/router.ts';
import { createApp } from './http/create-app.ts';
import { createOpenApiDocument } from './http/openapi.ts';
import { ROUTES } from './http/routes.ts';
import { allowedHosts, assertUsableToken } from './http/security.ts';
import { RELAY_VERSION } from './http/version.ts';
import type { Inbox } from './inbox/inbox.ts';
import type { MessageReceiver } from './inbox/message-receiver.ts';
import { RawMessages } from './inbox/raw-messages.ts';
import { configFileRules, type SenderRuleBook, type SenderRulesPersistence } from './inbox/sender-rule-book.ts';
import { type RelayLimits, resolveLimits } from './limits.ts';
import { createLogger } from './logger.ts';
import { type MailboxConfig, readMailboxes } from './mailbox/mailbox-config.ts';
import { MailboxWatcher } from './mailbox/mailbox-watcher.ts';
import { PhoneDevices } from './phone/phone-devices.ts';
import { type PhoneListener, type PhoneListenerOptions, startPhoneListener } from './phone/phone-listener.ts';
import { phoneRoutes } from './phone/phone-routes.ts';
import { type SmtpListener, type SmtpOptions, startSmtpServer } from './smtp/create-smtp-server.ts';
import { createSns, type SnsOptions } from './sns/create-sns.ts';
import type { RelayStore } from './store.ts';
import { type Snapshot, StreamServer } from './stream-server.ts';
import type { TestControls } from './test-controls.ts';
import { TotpDevices } from './totp/totp-devices.ts';
import { createTwilio, type Twilio, type TwilioOptions } from './twilio/create-twilio.ts';
import { mergeTwilioOrigins, TwilioConfigFileSchema } from './twilio/twilio-origins.ts';
import type { VerificationLifecycle } from './verifications/verification-lifecycle.ts';

export interface RelayOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0 here: any free port; the CLI defaults to 8787). */
  port?: number;
  /** API token; default 32 random bytes, base64url. */
  token?: string;
  /** Run on a test clock that only moves by POST /api/v1/clock/advance (default false). */
  testClock?: boolean;
  /** Where the test clock starts, in ms since the epoch (default: now); e.g. RFC 6238's test times. */
  testClockStart?: number;
  /** Chaos, clock and reset routes (default true). */
  testControls?: boolean;
  /** Extension ids allowed to open the stream besides the pinned EXTENSION_ID. */
  extensionIds?: string[];
  /** Extra `host:port` values accepted in the Host header (e.g. a LAN name). */
  allowedHosts?: string[];
  /** Mount the demo seller center at /demo (default true). */
  demo?: boolean;
  /** A pino logger; otherwise one at `logLevel` (default "info") on stdout. */
  logger?: Logger;
  logLevel?: string;
  /** Overrides of the configurable limits (testers shorten them). */
  limits?: Partial<RelayLimits>;
  /** Live-stream tuning: ping period, slow-client cut-off, replay history size, resume grace. */
  stream?: {
    pingIntervalMs?: number;
    maxBufferedBytes?: number;
    historySize?: number;
    resumeGraceMs?: number;
    /** How long a client has to answer the relay's challenge with its proof of the token (default 5 s). */
    proofTimeoutMs?: number;
    /** Bytes of JSON per snapshot page (default 256 KiB). */
    snapshotPageBytes?: number;
  };
  /** Replace the in-memory store (the seam for another backing store). */
  store?: RelayStore;
  /**
   * The per-user config directory (the CLI opens it before anything listens): where features keep what must
   * survive a restart (phone devices, certificate, sender rules). Absent for a library relay: nothing persists.
   */
  configStore?: ConfigStore;
  /** Cap on live messages from outside the relay (default 10,000; the oldest leaves first). */
  maxStoredMessages?: number;
  /** Where the seller's sender rules persist; default: `sender-rules.json` in `configStore`, if given. */
  senderRules?: SenderRulesPersistence;
  /**
   * Twilio Verify and Messaging under /twilio (twilio/create-twilio.ts): credentials (a test default with test
   * controls on; off without them unless given) and the origins codes are bound to, merged over `twilio.json`
   * in `configStore`.
   */
  twilio?: TwilioOptions;
  /** AWS SNS Publish under /aws/sns (sns/create-sns.ts): a key pair verified in full; any key with test controls on. */
  sns?: SnsOptions;
  /** The SMTP server for apps under test; none when absent (the CLI starts one on 127.0.0.1:2525). */
  smtp?: SmtpOptions | undefined;
  /** Socket limits against slow or many clients (defaults in HTTP_LIMITS); tests shorten them. */
  http?: Partial<HttpLimits>;
  /** Real mailboxes to watch read-only (IMAP IDLE); default: those `otp-relay mailbox add` stored in `configStore`. */
  mailboxes?: MailboxConfig[];
  /** Reconnect backoff of the mailbox watchers (tests shorten it). */
  mailboxBackoff?: { baseMs: number; capMs: number };
  /**
   * The phone listener (phone/phone-listener.ts): a second port serving only `POST /phone/:id` for SMS
   * forwarder apps; off unless given. Devices are managed under /api/v1/phones either way.
   */
  phone?: PhoneListenerOptions;
}

export interface HttpLimits {
  /** Time to send the request head; Node's default (60 s) lets a dribbling client hold a socket for a minute. */
  headersTimeoutMs: number;
  /**
   * Time to send the whole request, body included (Node's default: 300 s). A long poll is unaffected: it
   * waits on the answer, after its request ended; so is the stream, whose socket is no longer an HTTP request.
   */
  requestTimeoutMs: number;
  /** Open sockets at once (streams and long polls included); the relay drops connections past it on accept. */
  maxConnections: number;
}

export const HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 15_000, maxConnections: 2048 };

export interface Relay {
  /** http://host:port */
  url: string;
  port: number;
  host: string;
  token: string;
  /** True when the token was generated here (the CLI shows it once). */
  tokenGenerated: boolean;
  /** Names this run: 16 hex digits. */
  epoch: string;
  /** The issuer side: codes this relay issues. */
  service: VerificationLifecycle;
  /** Live messages of every source and open long polls. */
  inbox: Inbox;
  /**
   * The one way in for messages from outside the relay: POST /inbound calls `receiver.receive`, and so does
   * every other source (phone, SMTP, IMAP, Twilio, SNS).
   */
  receiver: MessageReceiver;
  senderRules: SenderRuleBook;
  /** Chaos, clock and reset. */
  controls: TestControls;
  /** Twilio Verify and Messaging served under /twilio; undefined when off. */
  twilio: Twilio | undefined;
  /** The seller's phones (persisted in `phones.json` with a config store). */
  phones: PhoneDevices;
  /** Virtual TOTP devices for tests (in memory; reset forgets them). */
  totpDevices: TotpDevices;
  /** The phone listener; undefined when off (no --phone-port). */
  phoneListener: PhoneListener | undefined;
  /** Everything live (what a stream client that cannot resume gets). */
  snapshot(): Snapshot;
  clock: Clock;
  limits: RelayLimits;
  server: Server;
  /** The SMTP server, when one was asked for. */
  smtp: SmtpListener | undefined;
  /** Raw bytes of the messages that came as email (GET /api/v1/messages/:id/raw). */
  rawMessages: RawMessages;
  /** One watcher per watched mailbox, with its status. */
  mailboxes: MailboxWatcher[];
  /** Graceful stop: refuse new connections, close WebSockets with 1001, end long polls, free the port. */
  close(): Promise<void>;
}

/** Builds and starts a relay. Nothing happens at import time; every call is an independent relay. */
export async function createRelay(options: RelayOptions = {}): Promise<Relay> {
  const host = options.host ?? DEFAULT_HOST;
  const tokenGenerated = options.token === undefined;
  const token = options.token ?? randomBytes(32).toString('base64url');
  assertUsableToken(token);
  const limits = resolveLimits(options.limits);
  for (const id of options.extensionIds ?? []) {
    if (!/^[a-p]{32}$/.test(id)) throw new Error(`"${id}" is not a Chrome extension id (32 letters a–p).`);
  }
  const logger = options.logger ?? createLogger(options.logLevel ?? 'info');
  const clock = options.testClock ? createTestClock(options.testClockStart) : createRealClock();
  const senderRulesPersistence =
    options.senderRules ?? (options.configStore === undefined ? undefined : await configFileRules(options.configStore));
  const { service, inbox, receiver, senderRules, controls, chaos, snapshot, scheduler, events } = createService({
    clock,
    limits,
    logger,
    ...(options.store === undefined ? {} : { store: options.store }),
    ...(options.maxStoredMessages === undefined ? {} : { maxStoredMessages: options.maxStoredMessages }),
    ...(senderRulesPersistence === undefined ? {} : { senderRules: senderRulesPersistence }),
    historySize: options.stream?.historySize ?? 1000,
  });
  const rawMessages = new RawMessages({ maxCount: options.maxStoredMessages ?? 10_000 });
  const totpDevices = new TotpDevices({ clock, maxDevices: limits.maxTotpDevices, logger });
  // Raw bytes live as long as their message: gone when it expires, or on reset. TOTP devices go on reset too.
  events.subscribe((event) => {
    if (event.type === 'expired') rawMessages.delete(event.data.messageIds);
    else if (event.type === 'reset') {
      rawMessages.clear();
      totpDevices.clear();
    }
  });

  const twilioFile = await options.configStore?.read('twilio.json', TwilioConfigFileSchema);
  const twilio = createTwilio(
    { ...options.twilio, origins: mergeTwilioOrigins(twilioFile, options.twilio?.origins ?? {}) },
    options.testControls ?? true,
    { inbox, receiver, clock, scheduler, events, chaos, logger },
  );
  const mounts: Record<string, express.Router> = {};
  if (options.demo !== false) mounts['/demo'] = createDemoRouter({ service, now: () => clock.now() });
  if (twilio !== undefined) mounts['/twilio'] = twilio.router;
  const sns = createSns(options.sns ?? {}, options.testControls ?? true, {
    receiver,
    chaos,
    scheduler,
    clock,
    events,
    logger,
  });
  if (sns !== undefined) mounts['/aws/sns'] = sns;

  const phones = await PhoneDevices.open(options.configStore);
  let phoneListener: PhoneListener | undefined;
  const routes = [...ROUTES, ...phoneRoutes({ devices: phones, webhookUrl: (id) => phoneListener?.webhookUrl(id) })];

  // The allow-list is filled in once the port is known (port 0 picks one at listen time).
  const hosts = new Set<string>();
  const shutdown = new AbortController();
  const app = createApp({
    ctx: {
      verifications: service,
      inbox,
      receiver,
      senderRules,
      totpDevices,
      controls,
      rawMessages,
      mailboxes: () => mailboxes.map((watcher) => watcher.status()),
      testControls: options.testControls ?? true,
      shutdown: shutdown.signal,
    },
    routes,
    token,
    hosts,
    logger,
    openapi: createOpenApiDocument(routes, RELAY_VERSION),
    mounts,
  });
  const stream = new StreamServer({
    events,
    snapshot,
    token,
    hosts,
    extensionIds: options.extensionIds ?? [],
    version: RELAY_VERSION,
    logger,
    maxPayloadBytes: LIMITS.wsMaxPayloadBytes,
    pingIntervalMs: options.stream?.pingIntervalMs ?? LIMITS.wsPingIntervalMs,
    maxBufferedBytes: options.stream?.maxBufferedBytes ?? LIMITS.wsMaxBufferedBytes,
    ...(options.stream?.resumeGraceMs === undefined ? {} : { resumeGraceMs: options.stream.resumeGraceMs }),
    ...(options.stream?.proofTimeoutMs === undefined ? {} : { proofTimeoutMs: options.stream.proofTimeoutMs }),
    ...(options.stream?.snapshotPageBytes === undefined ? {} : { snapshotPageBytes: options.stream.snapshotPageBytes }),
  });

  const http = { ...HTTP_LIMITS, ...options.http };
  const server = createServer(
    {
      // Node refuses a head timeout longer than the whole-request one.
      headersTimeout: Math.min(http.headersTimeoutMs, http.requestTimeoutMs),
      requestTimeout: http.requestTimeoutMs,
      // Node looks for expired requests this often (default 30 s, which would stretch a 15 s limit to 45 s).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, http.headersTimeoutMs / 4)),
    },
    app,
  );
  server.maxConnections = http.maxConnections;
  server.on('upgrade', (req, socket, head) => stream.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  for (const allowed of allowedHosts(host, port, options.allowedHosts)) hosts.add(allowed);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ url, testClock: clock.isTest, epoch: events.epoch }, 'relay listening');

  let smtp: SmtpListener | undefined;
  const mailboxConfigs =
    options.mailboxes ?? (options.configStore === undefined ? [] : await readMailboxes(options.configStore));
  const mailboxes = mailboxConfigs.map(
    (config) =>
      new MailboxWatcher(config, {
        receiver,
        raw: rawMessages,
        logger,
        ...(options.mailboxBackoff === undefined ? {} : { backoff: options.mailboxBackoff }),
      }),
  );
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const smtpStopped = smtp?.close();
      const mailboxesStopped = Promise.all(mailboxes.map((watcher) => watcher.stop()));
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      shutdown.abort();
      inbox.releaseAll();
      await stream.close();
      await phoneListener?.close();
      server.closeIdleConnections();
      // What is left after a short grace is a connection that never sent a request (browsers and undici
      // pre-connect): not idle in Node's eyes, it would hold the port until headersTimeout.
      const force = setTimeout(() => server.closeAllConnections(), 200);
      await stopped;
      clearTimeout(force);
      await smtpStopped;
      await mailboxesStopped;
      scheduler.dispose();
      logger.info('relay stopped');
    })();
    return closing;
  };

  if (options.smtp !== undefined) {
    const smtpOptions = { host, ...options.smtp };
    try {
      smtp = await startSmtpServer(smtpOptions, { receiver, chaos, raw: rawMessages, logger });
    } catch (error) {
      await close();
      // The CLI names the listener that failed (listen-error.ts); Node's error carries the address and port.
      throw Object.assign(error as Error, { listener: 'SMTP server' });
    }
    logger.info({ host: smtp.host, port: smtp.port }, 'smtp listening');
  }
  // Not awaited: an unreachable mail server must not hold up the relay; `status` shows how each one is.
  for (const watcher of mailboxes) void watcher.start();
  if (options.phone !== undefined) {
    try {
      phoneListener = await startPhoneListener(options.phone, {
        devices: phones,
        receiver,
        clock,
        logger,
        configStore: options.configStore,
      });
    } catch (error) {
      await close();
      throw Object.assign(error as Error, { listener: 'phone listener' });
    }
  }

  return {
    url,
    port,
    host,
    token,
    tokenGenerated,
    epoch: events.epoch,
    service,
    inbox,
    receiver,
    senderRules,
    controls,
    twilio,
    phones,
    totpDevices,
    phoneListener,
    snapshot,
    clock,
    limits,
    server,
    smtp,
    rawMessages,
    mailboxes,
    close,
  };
}
