import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  ClientFrameSchema,
  type Message,
  PROBLEM_CONTENT_TYPE,
  ProveFrameSchema,
  RelayError,
  STREAM_PATH,
  STREAM_PROTOCOL,
  type StreamEvent,
  sameProof,
  tokenProof,
  type Verification,
} from '@otp-relay/shared';
import type { Logger } from 'pino';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { EventLog } from './event-log.ts';
import {
  badTarget,
  isAllowedHost,
  isAllowedOrigin,
  isOriginForm,
  parseStreamProtocols,
  tokenMatches,
} from './http/security.ts';

/** Everything live: what a client that cannot resume is sent. */
export interface Snapshot {
  messages: Message[];
  verifications: Verification[];
}

export interface StreamServerOptions {
  events: EventLog;
  snapshot: () => Snapshot;
  token: string;
  hosts: ReadonlySet<string>;
  extensionIds: readonly string[];
  version: string;
  logger: Logger;
  maxPayloadBytes: number;
  pingIntervalMs: number;
  maxBufferedBytes: number;
  /** How long a new connection waits for its `resume` frame before it simply gets events from its hello on. */
  resumeGraceMs?: number;
  /** How long a client that offered a nonce has to answer the relay's challenge with its proof. */
  proofTimeoutMs?: number;
  /** A snapshot page holds items up to about this many bytes of JSON (one larger item gets a page alone). */
  snapshotPageBytes?: number;
}

/** Close codes of the proof of the token: the client's proof was wrong, or did not come in time. */
export const CLOSE_PROOF_FAILED = 4401;
export const CLOSE_PROOF_TIMEOUT = 4408;

interface Client {
  ws: WebSocket;
  alive: boolean;
  /** The last seq this client was sent; null while the relay waits for its resume frame. */
  cursor: number | null;
  helloSeq: number;
  grace: ReturnType<typeof setTimeout> | undefined;
  /** Set while the client still has to prove the token: the nonces of its challenge. */
  challenge: { client: string; relay: string; timer: ReturnType<typeof setTimeout> } | null;
  /** Proved the token (or sent it, legacy): only such a client is sent hello, events or snapshots. */
  trusted: boolean;
  /** True while a resume is being sent (snapshot pages, then what happened meanwhile). */
  resuming: boolean;
}

/**
 * The live stream at /api/v1/stream. Host and Origin are checked before the upgrade, so a refused client never
 * holds a WebSocket. The token is proved, never sent: a client offering a nonce gets the relay's proof on it
 * (`challenge`) and must answer with its own (`prove`) within proofTimeoutMs before it gets anything else;
 * a legacy client's token subprotocol is checked before the upgrade. Each client follows the event log by
 * seq; live events wait until it has said where it is (resume), so a replay and live events never interleave.
 */
export class StreamServer {
  readonly #o: Required<StreamServerOptions>;
  readonly #wss: WebSocketServer;
  readonly #clients = new Set<Client>();
  readonly #pingTimer: ReturnType<typeof setInterval>;
  readonly #unsubscribe: () => void;

  constructor(options: StreamServerOptions) {
    this.#o = { resumeGraceMs: 250, proofTimeoutMs: 5000, snapshotPageBytes: 256 * 1024, ...options };
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayloadBytes,
      perMessageDeflate: false,
      clientTracking: false,
      handleProtocols: (protocols) => (protocols.has(STREAM_PROTOCOL) ? STREAM_PROTOCOL : false),
    });
    this.#unsubscribe = options.events.subscribe((event) => this.#broadcast(event));
    this.#pingTimer = setInterval(() => this.#heartbeat(), options.pingIntervalMs);
    this.#pingTimer.unref();
  }

  get size(): number {
    return this.#clients.size;
  }

  /** The server's 'upgrade' listener. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refusal = this.#refusal(req);
    if (refusal !== null) {
      this.#o.logger.debug({ code: refusal.code }, 'stream upgrade refused');
      refuse(socket, refusal);
      return;
    }
    const { nonce } = parseStreamProtocols(req.headers['sec-websocket-protocol']);
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, nonce ?? null));
  }

  /** Closes every client with 1001 (going away); terminates those that do not finish the close in time. */
  async close(timeoutMs = 2000): Promise<void> {
    clearInterval(this.#pingTimer);
    this.#unsubscribe();
    const closing = [...this.#clients].map(
      (client) =>
        new Promise<void>((resolve) => {
          clearTimeout(client.grace);
          clearTimeout(client.challenge?.timer);
          if (client.ws.readyState === client.ws.CLOSED) return resolve();
          client.ws.once('close', () => resolve());
          client.ws.close(1001, 'relay shutting down');
        }),
    );
    const timer = setTimeout(() => {
      for (const client of this.#clients) client.ws.terminate();
    }, timeoutMs);
    await Promise.all(closing);
    clearTimeout(timer);
    this.#wss.close();
  }

  #refusal(req: IncomingMessage): RelayError | null {
    if (!isOriginForm(req.url)) return badTarget();
    const path = new URL(req.url ?? '/', 'http://relay').pathname;
    if (path !== STREAM_PATH) return new RelayError('not_found', `No WebSocket endpoint at ${path}.`);
    if (!isAllowedHost(this.#o.hosts, req.headers.host)) return new RelayError('forbidden_host', 'Host not allowed.');
    if (!isAllowedOrigin(req.headers.origin, this.#o.extensionIds)) {
      return new RelayError('forbidden_origin', 'Only the otp-relay extension may open the stream from a browser.');
    }
    const offered = parseStreamProtocols(req.headers['sec-websocket-protocol']);
    // A nonce: the token is proved after the upgrade. Otherwise the legacy token subprotocol, checked now.
    if (offered.nonce === undefined && !tokenMatches(offered.token, this.#o.token)) {
      return new RelayError(
        'unauthorized',
        'Offer a nonce as subprotocol otp-relay.nonce.<32 hex digits> and prove the token (or the legacy otp-relay.token.<token>).',
      );
    }
    if (!offered.hasProtocol) {
      return new RelayError('validation_failed', `Offer the subprotocol ${STREAM_PROTOCOL}.`);
    }
    return null;
  }

  #accept(ws: WebSocket, clientNonce: string | null): void {
    const client: Client = {
      ws,
      alive: true,
      cursor: null,
      helloSeq: 0,
      grace: undefined,
      challenge: null,
      trusted: false,
      resuming: false,
    };
    this.#clients.add(client);
    ws.on('pong', () => {
      client.alive = true;
    });
    ws.on('message', (data, isBinary) => this.#receive(client, data, isBinary));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      clearTimeout(client.grace);
      clearTimeout(client.challenge?.timer);
      this.#clients.delete(client);
    });
    if (clientNonce === null) {
      this.#start(client);
      return;
    }
    // The relay proves first, on the client's fresh nonce: a client learns nothing else until it proves too.
    const relayNonce = randomBytes(16).toString('hex');
    const timer = setTimeout(
      () => ws.close(CLOSE_PROOF_TIMEOUT, 'no proof of the token in time'),
      this.#o.proofTimeoutMs,
    );
    client.challenge = { client: clientNonce, relay: relayNonce, timer };
    const proof = tokenProof(this.#o.token, 'stream relay', clientNonce, relayNonce);
    this.#sendText(client, JSON.stringify({ type: 'challenge', nonce: relayNonce, proof }));
  }

  /** A client the relay trusts (its proof checked, or a legacy token): hello, then events once it resumes. */
  #start(client: Client): void {
    const { events, version, pingIntervalMs, resumeGraceMs } = this.#o;
    client.trusted = true;
    client.helloSeq = events.seq;
    this.#send(client, events.frame('hello', { relayVersion: version, pingIntervalMs }));
    client.grace = setTimeout(() => {
      if (client.cursor === null) this.#resume(client, events.epoch, client.helloSeq);
    }, resumeGraceMs);
    this.#o.logger.debug({ clients: this.#clients.size }, 'stream client connected');
  }

  /** The one frame a challenged client may send: its proof. Anything else, or a wrong proof, closes it. */
  #checkProof(client: Client, challenge: NonNullable<Client['challenge']>, data: RawData, isBinary: boolean): void {
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      frame = undefined;
    }
    const parsed = ProveFrameSchema.safeParse(frame);
    const expected = tokenProof(this.#o.token, 'stream client', challenge.relay, challenge.client);
    clearTimeout(challenge.timer);
    client.challenge = null;
    if (!parsed.success || !sameProof(parsed.data.proof, expected)) {
      this.#o.logger.info('stream client failed to prove the token; closed');
      client.ws.close(CLOSE_PROOF_FAILED, 'proof of the token failed');
      return;
    }
    this.#start(client);
  }

  #receive(client: Client, data: RawData, isBinary: boolean): void {
    if (client.challenge !== null) {
      this.#checkProof(client, client.challenge, data, isBinary);
      return;
    }
    // After a failed proof, frames still in flight before the close must not reach resume.
    if (!client.trusted) return;
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      this.#sendError(client, new RelayError('malformed_json', 'Frames are JSON text.'));
      return;
    }
    const parsed = ClientFrameSchema.safeParse(frame);
    if (!parsed.success) {
      this.#sendError(client, RelayError.fromZod(parsed.error, 'frame'));
      return;
    }
    if (parsed.data.type === 'ping') {
      this.#send(client, this.#o.events.frame('pong', {}));
      return;
    }
    this.#resume(client, parsed.data.epoch, parsed.data.since);
  }

  /**
   * Replays what the client missed, once, or sends a snapshot when that history is gone or not ours; then
   * `resumed`. Live events wait (cursor null) until it is all sent.
   */
  #resume(client: Client, epoch: string | undefined, since: number | undefined): void {
    const { events } = this.#o;
    clearTimeout(client.grace);
    if (client.resuming || client.cursor !== null) return; // one resume per connection
    const missed = epoch === events.epoch && since !== undefined ? events.since(since) : null;
    if (missed === null) {
      this.#sendSnapshot(client);
      return;
    }
    client.cursor = events.seq;
    for (const event of missed) this.#send(client, event);
    this.#send(client, events.frame('resumed', {}));
  }

  /**
   * A snapshot in bounded pages, each sent once the one before has left for the socket, so neither one huge
   * frame nor the whole snapshot at once sits in the client's buffer (8,000 live codes were one ~7 MB frame).
   * Then what happened while the pages went out (or, if that history is gone by then, a new snapshot).
   */
  #sendSnapshot(client: Client): void {
    const { events } = this.#o;
    client.resuming = true;
    const takenAt = events.seq;
    const pages = this.#pages(this.#o.snapshot());
    const sendPage = (index: number): void => {
      if (client.ws.readyState !== client.ws.OPEN) return;
      const page = pages[index];
      if (page === undefined) {
        const missed = events.since(takenAt);
        if (missed === null) {
          this.#sendSnapshot(client);
          return;
        }
        client.resuming = false;
        client.cursor = events.seq;
        for (const event of missed) this.#send(client, event);
        this.#send(client, events.frame('resumed', {}));
        return;
      }
      this.#sendText(client, JSON.stringify(page), (error) => {
        if (!error) sendPage(index + 1);
      });
    };
    sendPage(0);
  }

  #pages({ messages, verifications }: Snapshot): StreamEvent[] {
    const budget = this.#o.snapshotPageBytes;
    let current: Snapshot = { messages: [], verifications: [] };
    const pages: Snapshot[] = [current];
    let used = 0;
    const add = (kind: 'messages' | 'verifications', item: Message | Verification) => {
      const size = JSON.stringify(item).length;
      if (used > 0 && used + size > budget) {
        current = { messages: [], verifications: [] };
        pages.push(current);
        used = 0;
      }
      used += size;
      (current[kind] as (Message | Verification)[]).push(item);
    };
    for (const verification of verifications) add('verifications', verification);
    for (const message of messages) add('messages', message);
    const { events } = this.#o;
    return pages.map((page, part) =>
      events.frame('snapshot', { ...page, ...(pages.length > 1 ? { part, more: part < pages.length - 1 } : {}) }),
    );
  }

  /**
   * Serialises and UTF-8-encodes each event once for every client: given a string, ws would encode it again
   * for each of them (bench figure 2: 1,000 clients, two events per code).
   */
  #broadcast(event: StreamEvent): void {
    let bytes: Buffer | undefined;
    for (const client of this.#clients) {
      if (client.cursor === null || event.seq <= client.cursor) continue;
      bytes ??= Buffer.from(JSON.stringify(event));
      client.cursor = event.seq;
      this.#sendText(client, bytes);
    }
  }

  #sendError(client: Client, error: RelayError): void {
    this.#send(client, this.#o.events.frame('error', error.toProblem()));
  }

  #send(client: Client, frame: StreamEvent): void {
    this.#sendText(client, JSON.stringify(frame));
  }

  /**
   * A client that cannot keep up is cut off rather than buffered without end (it resumes when it returns).
   * Judged on what was still pending before this send: one large frame (a snapshot of thousands of codes) is
   * not a slow client, and counting it cut off even fast ones right after the send, in a reconnect loop.
   */
  #sendText(client: Client, text: string | Buffer, sent?: (error?: Error) => void): void {
    if (client.ws.readyState !== client.ws.OPEN) return;
    const pending = client.ws.bufferedAmount;
    if (pending > this.#o.maxBufferedBytes) {
      this.#o.logger.warn({ bufferedAmount: pending }, 'stream client too slow; terminated');
      client.ws.terminate();
      return;
    }
    client.ws.send(text, TEXT_FRAME, sent);
  }

  #heartbeat(): void {
    for (const client of this.#clients) {
      if (!client.alive) {
        this.#o.logger.info('stream client missed a pong; terminated');
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      client.ws.ping();
      if (client.ws.bufferedAmount > this.#o.maxBufferedBytes) client.ws.terminate();
    }
  }
}

/** A Buffer sent as a text frame, as the strings are (the stream speaks JSON text). */
const TEXT_FRAME = { binary: false } as const;

/** Answers a refused upgrade over the raw socket and drops it: no WebSocket ever exists for it. */
function refuse(socket: Duplex, error: RelayError): void {
  const body = JSON.stringify(error.toProblem(STREAM_PATH));
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\n` +
      'Connection: close\r\n' +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
