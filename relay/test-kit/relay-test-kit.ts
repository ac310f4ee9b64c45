import {
  RelayClient,
  STREAM_PROTOCOL,
  type StreamEvent,
  StreamEventSchema,
  TOKEN_PROTOCOL_PREFIX,
} from '@otp-relay/shared';
import pino from 'pino';
import WebSocket from 'ws';
import { createRelay, type Relay, type RelayOptions } from '../src/create-relay.ts';

/*
 * Helpers for the relay's own tests: real relays on port 0, spoken to over real sockets. Outside relay/src on
 * purpose: nothing the relay ships imports it (relay/src/index.ts), yet it is plain code any suite may borrow.
 */

export const PHONE = '+14155550123';
export const EMAIL = 'seller@example.com';
export const ORIGIN = 'http://127.0.0.1:8787';

export interface TestRelay {
  relay: Relay;
  client: RelayClient;
  /** Raw fetch against the relay with the token (unless `headers.authorization` overrides it). */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  close(): Promise<void>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON when there was any, else the text. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers field by field
  body: any;
}

export async function startTestRelay(options: RelayOptions = {}): Promise<TestRelay> {
  const relay = await createRelay({ logger: pino({ level: 'silent' }), demo: false, ...options });
  const client = new RelayClient({ url: relay.url, token: relay.token });
  const api: TestRelay['api'] = async (method, path, body, headers = {}) => {
    const response = await fetch(`${relay.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${relay.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return { relay, client, api, close: () => relay.close() };
}

export function smsRequest(overrides: Record<string, unknown> = {}) {
  return { to: PHONE, channel: 'sms' as const, purpose: 'login' as const, origin: ORIGIN, ...overrides };
}

/** A `ws` client on the stream that records every frame it gets. */
export interface StreamProbe {
  ws: WebSocket;
  events: StreamEvent[];
  /** Resolves with the first recorded-or-future frame matching `predicate`. */
  next(predicate: (event: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  send(frame: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
}

/** Where a stream server listens and the token it takes: a whole relay, or a StreamServer a test mounted itself. */
export type StreamTarget = Pick<Relay, 'url' | 'token'>;

export function wsUrl(relay: StreamTarget): string {
  return `${relay.url.replace(/^http/, 'ws')}/api/v1/stream`;
}

export function streamProtocols(token: string): string[] {
  return [STREAM_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
}

export async function openStream(relay: StreamTarget, options: WebSocket.ClientOptions = {}): Promise<StreamProbe> {
  const ws = new WebSocket(wsUrl(relay), streamProtocols(relay.token), options);
  const events: StreamEvent[] = [];
  const waiters = new Set<{ predicate: (event: StreamEvent) => boolean; resolve: (event: StreamEvent) => void }>();
  ws.on('message', (data) => {
    // Every frame must be exactly an envelope of shared/src/stream.ts: parse, don't trust.
    const event = StreamEventSchema.parse(JSON.parse(data.toString()));
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(event)) {
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    events,
    closed,
    send: (frame) => ws.send(JSON.stringify(frame)),
    next(predicate, timeoutMs = 5000) {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (event: StreamEvent) => {
            clearTimeout(timer);
            resolve(event);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching stream frame within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
