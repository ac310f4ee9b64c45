import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { RelayError } from '@otp-relay/shared';
import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { ConfigStore } from '../config/config-store.ts';
import { errorHandler } from '../http/problem.ts';
import type { MessageReceiver } from '../inbox/message-receiver.ts';
import { DeliveryGuard } from './delivery-guard.ts';
import { ADAPTERS } from './phone-apps.ts';
import { phoneCert } from './phone-cert.ts';
import type { PhoneDevices } from './phone-devices.ts';

export interface PhoneListenerOptions {
  port: number;
  /** Default 127.0.0.1; the laptop's LAN address for a real phone. */
  host?: string;
  /** Plain HTTP instead of HTTPS with the self-signed certificate (the caller warns). */
  http?: boolean;
  /** Requests per device per minute (default 60). */
  perMinute?: number;
}

export interface PhoneListener {
  /** https://host:port (or http:// with `http`). */
  url: string;
  host: string;
  port: number;
  /** The certificate PEM (undefined over plain HTTP), for the setup screen and tests. */
  cert: string | undefined;
  /** The exact URL a device's app posts to. */
  webhookUrl(id: string): string;
  server: Server;
  close(): Promise<void>;
}

export interface PhoneListenerDeps {
  devices: PhoneDevices;
  receiver: MessageReceiver;
  clock: Clock;
  logger: Logger;
  configStore?: ConfigStore | undefined;
}

/** A forwarded SMS is a few hundred bytes; a JSON event with metadata a few KiB. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The second listener, for the seller's phones only: one route, `POST /phone/:id`, where `:id` names the device
 * and its app's adapter checks the signature. Nothing of the API, the stream, the demo or the test controls is
 * served here, so opening this port on the LAN exposes no more than a signed SMS drop. Secrets and message
 * texts never reach the log.
 */
export async function startPhoneListener(
  options: PhoneListenerOptions,
  deps: PhoneListenerDeps,
): Promise<PhoneListener> {
  const host = options.host ?? '127.0.0.1';
  const guard = new DeliveryGuard(options.perMinute ?? 60);
  const log = deps.logger.child({ listener: 'phone' });
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.post('/phone/:id', express.raw({ type: () => true, limit: MAX_BODY_BYTES }), (req: Request, res: Response) => {
    const id = String(req.params.id ?? '');
    const device = deps.devices.get(id);
    if (device === undefined) throw new RelayError('not_found', 'No such phone: add it with `otp-relay phone add`.');
    const now = deps.clock.now();
    guard.pace(device.id, now);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const sms = ADAPTERS[device.app]({ body, headers: req.headers }, device.secret, now);
      if (sms === undefined) {
        res.status(200).json({ ok: true, stored: false });
        return;
      }
      // Only a verified request may spend a replay key: a forger cannot block the real delivery.
      if (sms.replayKey !== undefined) guard.once(device.id, sms.replayKey, now);
      const { message, duplicate } = deps.receiver.receive({
        source: 'phone',
        channel: 'sms',
        from: sms.from,
        text: sms.text,
        receivedAt: sms.receivedAt,
      });
      log.info({ phoneId: device.id, app: device.app, messageId: message.id, duplicate }, 'phone delivered an SMS');
      res.status(200).json({ ok: true, stored: true, messageId: message.id });
    } catch (error) {
      if (error instanceof RelayError)
        log.warn({ phoneId: device.id, app: device.app, code: error.code }, 'phone request refused');
      throw error;
    }
  });
  app.use((req: Request) => {
    throw new RelayError('not_found', `No route ${req.method} ${req.path}.`);
  });
  app.use(errorHandler(log));

  const tls = options.http ? undefined : await phoneCert(host, deps.configStore);
  const server = tls === undefined ? createHttpServer(app) : createHttpsServer({ key: tls.key, cert: tls.cert }, app);
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `${tls === undefined ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info({ url }, 'phone listener up');
  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    cert: tls?.cert,
    webhookUrl: (id) => `${url}/phone/${id}`,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 200).unref();
      });
      return closing;
    },
  };
}
