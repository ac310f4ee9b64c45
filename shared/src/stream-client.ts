import { STREAM_PATH, STREAM_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from './constants.ts';
import { type ClientFrame, REPLAYABLE_EVENT_TYPES, type StreamEvent, StreamEventSchema } from './stream.ts';

/** The slice of the WHATWG WebSocket that both browsers and the `ws` package provide. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
export type CreateSocket = (url: string, protocols: string[]) => WebSocketLike;

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface StreamCursor {
  epoch: string;
  seq: number;
}

export interface RelayStreamOptions {
  /** Base URL of the relay (http or ws scheme). */
  url: string;
  token: string;
  /** Where to resume from (e.g. what a restarted extension worker had stored). */
  cursor?: StreamCursor | null;
  /** Defaults to the global WebSocket (browsers, Node ≥ 22); pass `ws` in older Node. */
  createSocket?: CreateSocket;
  /** Application ping period; also what keeps an MV3 service worker alive. Default 20 s. */
  keepaliveMs?: number;
  /** Full-jitter backoff: wait random(0, min(cap, base · 2^attempt)). Defaults 500 ms and 30 s. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Reconnect after a close (default true). */
  reconnect?: boolean;
}

type Listener<T> = (value: T) => void;

/**
 * A resuming client of the relay's live stream. Emits every event once, in order, across reconnects:
 * it resumes from the last seq it saw and drops anything at or below it.
 */
export class RelayStream {
  #options: Required<Omit<RelayStreamOptions, 'cursor'>>;
  #cursor: StreamCursor | null;
  #socket: WebSocketLike | null = null;
  #state: StreamState = 'connecting';
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #keepaliveTimer: ReturnType<typeof setInterval> | undefined;
  #lastFrameAt = 0;
  #eventListeners = new Set<Listener<StreamEvent>>();
  #stateListeners = new Set<Listener<StreamState>>();

  constructor(options: RelayStreamOptions) {
    const createSocket =
      options.createSocket ?? ((url: string, protocols: string[]) => new globalThis.WebSocket(url, protocols));
    this.#options = {
      url: options.url,
      token: options.token,
      createSocket,
      keepaliveMs: options.keepaliveMs ?? 20_000,
      backoffBaseMs: options.backoffBaseMs ?? 500,
      backoffCapMs: options.backoffCapMs ?? 30_000,
      reconnect: options.reconnect ?? true,
    };
    this.#cursor = options.cursor ?? null;
    this.#connect();
  }

  get state(): StreamState {
    return this.#state;
  }
  get cursor(): StreamCursor | null {
    return this.#cursor;
  }

  onEvent(listener: Listener<StreamEvent>): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }
  onState(listener: Listener<StreamState>): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** Resolves with the first event of `type` (optionally matching `predicate`). */
  next<T extends StreamEvent['type']>(
    type: T,
    predicate: (event: Extract<StreamEvent, { type: T }>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Extract<StreamEvent, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`No "${type}" event within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onEvent((event) => {
        if (event.type !== type) return;
        const typed = event as Extract<StreamEvent, { type: T }>;
        if (!predicate(typed)) return;
        clearTimeout(timer);
        off();
        resolve(typed);
      });
    });
  }

  /** Drops the current connection and reconnects at once (resuming), as after a network blip. */
  reconnectNow(): void {
    this.#socket?.close(4000, 'client reconnect');
  }

  close(): void {
    this.#options.reconnect = false;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#keepaliveTimer);
    this.#socket?.close(1000, 'client closed');
    this.#setState('closed');
  }

  #connect(): void {
    const url = new URL(STREAM_PATH, this.#options.url.replace(/^http/, 'ws'));
    const socket = this.#options.createSocket(url.toString(), [
      STREAM_PROTOCOL,
      `${TOKEN_PROTOCOL_PREFIX}${this.#options.token}`,
    ]);
    this.#socket = socket;
    socket.addEventListener('message', (event) => {
      if (this.#socket === socket) this.#receive(event.data);
    });
    socket.addEventListener('close', () => {
      if (this.#socket === socket) this.#closed();
    });
    socket.addEventListener('error', () => {
      // A close always follows; reconnecting happens there.
    });
  }

  #receive(raw: unknown): void {
    this.#lastFrameAt = Date.now();
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      return;
    }
    const result = StreamEventSchema.safeParse(parsed);
    if (!result.success) return;
    const event = result.data;
    if (event.type === 'hello') {
      this.#attempt = 0;
      const resume: ClientFrame = this.#cursor
        ? { type: 'resume', epoch: this.#cursor.epoch, since: this.#cursor.seq }
        : { type: 'resume' };
      this.#send(resume);
      this.#startKeepalive();
      this.#setState('open');
      if (!this.#cursor) this.#cursor = { epoch: event.epoch, seq: event.seq };
      this.#emit(event);
      return;
    }
    if ((REPLAYABLE_EVENT_TYPES as readonly string[]).includes(event.type)) {
      // Exactly once: a replay can overlap what was already seen before a reconnect.
      if (this.#cursor && this.#cursor.epoch === event.epoch && event.seq <= this.#cursor.seq) return;
      this.#cursor = { epoch: event.epoch, seq: event.seq };
    } else if (event.type === 'snapshot') {
      this.#cursor = { epoch: event.epoch, seq: event.seq };
    }
    this.#emit(event);
  }

  #startKeepalive(): void {
    clearInterval(this.#keepaliveTimer);
    this.#keepaliveTimer = setInterval(() => {
      // No frame for two periods (not even our pongs): the connection is dead though not closed.
      if (Date.now() - this.#lastFrameAt > 2 * this.#options.keepaliveMs) {
        this.#socket?.close(4001, 'keepalive timeout');
        return;
      }
      this.#send({ type: 'ping' });
    }, this.#options.keepaliveMs);
  }

  #closed(): void {
    clearInterval(this.#keepaliveTimer);
    this.#socket = null;
    if (!this.#options.reconnect) {
      this.#setState('closed');
      return;
    }
    this.#setState('reconnecting');
    const ceiling = Math.min(this.#options.backoffCapMs, this.#options.backoffBaseMs * 2 ** this.#attempt);
    this.#attempt = Math.min(this.#attempt + 1, 30);
    this.#retryTimer = setTimeout(() => this.#connect(), Math.random() * ceiling);
  }

  #send(frame: ClientFrame): void {
    if (this.#socket?.readyState === 1) this.#socket.send(JSON.stringify(frame));
  }

  #setState(state: StreamState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of this.#stateListeners) listener(state);
  }

  #emit(event: StreamEvent): void {
    for (const listener of this.#eventListeners) listener(event);
  }
}
