import { NONCE_PROTOCOL_PREFIX, STREAM_PATH, STREAM_PROTOCOL } from './constants.ts';
import {
  ChallengeFrameSchema,
  type ClientFrame,
  type ProveFrame,
  REPLAYABLE_EVENT_TYPES,
  type StreamEvent,
  StreamEventSchema,
} from './stream.ts';
import { newNonce, sameProof, tokenProof } from './token-proof.ts';

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

/** Close code a client uses when the server did not prove it knows the token (nothing it sent was used). */
export const CLOSE_RELAY_UNPROVEN = 4403;
/** How long a server has, after the upgrade, to prove the token. */
const PROOF_TIMEOUT_MS = 10_000;

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

/** One connection attempt: the nonce it offered and whether the server has proved the token on it. */
interface Attempt {
  socket: WebSocketLike;
  nonce: string;
  proven: boolean;
}

/**
 * A resuming client of the relay's live stream. Emits every event once, in order, across reconnects:
 * it resumes from the last seq it saw and drops anything at or below it. It never sends the token: it offers
 * a fresh nonce, and uses nothing from a server until that server has proved the token on it (`challenge`);
 * then it proves the token in turn (docs/security.md). A server that does not prove it is closed with 4403.
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
    const nonce = newNonce();
    const socket = this.#options.createSocket(url.toString(), [STREAM_PROTOCOL, `${NONCE_PROTOCOL_PREFIX}${nonce}`]);
    const attempt: Attempt = { socket, nonce, proven: false };
    this.#socket = socket;
    // A server that never proves itself must not hold us 'connecting' for ever.
    const unproven = setTimeout(() => {
      if (!attempt.proven && this.#socket === socket) socket.close(CLOSE_RELAY_UNPROVEN, 'no proof of the token');
    }, PROOF_TIMEOUT_MS);
    socket.addEventListener('message', (event) => {
      if (this.#socket !== socket) return;
      if (attempt.proven) this.#receive(event.data);
      else this.#challenged(attempt, event.data);
    });
    socket.addEventListener('close', () => {
      clearTimeout(unproven);
      if (this.#socket === socket) this.#closed();
    });
    socket.addEventListener('error', () => {
      // A close always follows; reconnecting happens there.
    });
  }

  /** The first frame must be the relay's proof on our nonce; anything else and we leave, having used nothing. */
  #challenged(attempt: Attempt, raw: unknown): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      parsed = undefined;
    }
    const challenge = ChallengeFrameSchema.safeParse(parsed);
    const { token } = this.#options;
    if (
      !challenge.success ||
      !sameProof(challenge.data.proof, tokenProof(token, 'stream relay', attempt.nonce, challenge.data.nonce))
    ) {
      attempt.socket.close(CLOSE_RELAY_UNPROVEN, 'relay did not prove the token');
      return;
    }
    attempt.proven = true;
    this.#lastFrameAt = Date.now();
    const prove: ProveFrame = {
      type: 'prove',
      proof: tokenProof(token, 'stream client', challenge.data.nonce, attempt.nonce),
    };
    if (attempt.socket.readyState === 1) attempt.socket.send(JSON.stringify(prove));
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
    } else if (event.type === 'resumed') {
      // Only now is the connection worth calling good: a relay that cuts us off mid-snapshot (or a hello that
      // leads nowhere) must not reset the backoff into a tight reconnect loop.
      this.#attempt = 0;
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
