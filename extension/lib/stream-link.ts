import type { StreamEvent } from '@otp-relay/shared/stream';
import { type CreateSocket, RelayStream, type StreamCursor } from '@otp-relay/shared/stream-client';
import type { ConnectionStatus } from './connection-status.ts';
import { diagnoseRelay } from './relay-diagnosis.ts';
import type { Settings } from './settings.ts';

/** SPEC: Chrome ≥ 116 keeps a service worker alive while WebSocket messages flow at least every 30 s. */
const KEEPALIVE_MS = 20_000;
/** Failed upgrades in a row, with HTTP working, before we call the stream refused rather than flaky. */
const REFUSED_AFTER_FAILURES = 3;

/** What an event handler knows about the stream that delivered the event. */
export interface StreamSource {
  /** The stream's resume cursor after this event. */
  cursor: StreamCursor | null;
  settings: Settings;
  /** False once this stream was replaced (new relay or token) or closed. */
  current: () => boolean;
}

export interface StreamLinkOptions {
  /** Tests pass a fake socket; the worker uses the global WebSocket. */
  createSocket?: CreateSocket;
  fetch?: typeof fetch;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Where a new stream resumes from (the code state's cursor). */
  cursor: () => StreamCursor | null;
  onEvent: (event: StreamEvent, source: StreamSource) => void;
  onStatus: (status: ConnectionStatus, relayUrl: string) => void;
}

/**
 * The stream and its failure diagnosis: one live RelayStream for the current relay URL and token (replaced
 * when either changes), its state as a ConnectionStatus, and, because a browser reports every refused upgrade
 * alike, an HTTP check of why it keeps failing (unreachable, token rejected, stream refused).
 */
export class StreamLink {
  readonly #options: StreamLinkOptions;
  #settings: Settings | null = null;
  #stream: RelayStream | null = null;
  #status: ConnectionStatus = 'connecting';
  #failedInARow = 0;
  #diagnosing = false;

  constructor(options: StreamLinkOptions) {
    this.#options = options;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Connects for these settings; an open stream is kept unless the relay or token changed (or `force`). */
  use(settings: Settings, force = false): void {
    const previous = this.#settings;
    this.#settings = settings;
    if (!force && previous?.relayUrl === settings.relayUrl && previous.token === settings.token) return;
    this.#stream?.close();
    this.#stream = null;
    if (!settings.token) {
      this.#setStatus('not-paired');
      return;
    }
    this.#setStatus('connecting');
    this.#connect(settings);
  }

  reconnectNow(): void {
    if (this.#stream) this.#stream.reconnectNow();
    else if (this.#settings) this.use(this.#settings, true);
  }

  close(): void {
    this.#stream?.close();
    this.#stream = null;
  }

  #connect(settings: Settings): void {
    const create: CreateSocket = this.#options.createSocket ?? ((url, protocols) => new WebSocket(url, protocols));
    let latest: { opened: boolean } | null = null;
    const stream = new RelayStream({
      url: settings.relayUrl,
      token: settings.token,
      cursor: this.#options.cursor(),
      keepaliveMs: KEEPALIVE_MS,
      backoffBaseMs: this.#options.backoffBaseMs ?? 500,
      backoffCapMs: this.#options.backoffCapMs ?? 30_000,
      // Wrapped to see each attempt end: a browser reports every refused upgrade alike, so we diagnose.
      // An attempt counts as opened only once the relay proved the token and said hello: a squatter on the
      // port answers the upgrade and sends frames too.
      createSocket: (url, protocols) => {
        const socket = create(url, protocols);
        const attempt = { opened: false };
        latest = attempt;
        socket.addEventListener('close', () => {
          if (this.#stream !== stream) return;
          if (attempt.opened) {
            this.#failedInARow = 0;
            return;
          }
          this.#failedInARow += 1;
          void this.#diagnose(settings, stream);
        });
        return socket;
      },
    });
    this.#stream = stream;
    const current = () => this.#stream === stream;
    stream.onState((state) => {
      if (!current()) return;
      if (state === 'open' && latest) latest.opened = true;
      if (state === 'open') this.#setStatus('connected');
      else if (state === 'reconnecting' && this.#status === 'connected') this.#setStatus('reconnecting');
    });
    stream.onEvent((event) => {
      if (current()) this.#options.onEvent(event, { cursor: stream.cursor, settings, current });
    });
  }

  async #diagnose(settings: Settings, stream: RelayStream): Promise<void> {
    if (this.#diagnosing) return;
    this.#diagnosing = true;
    try {
      const diagnosis = await diagnoseRelay(settings.relayUrl, settings.token, this.#options.fetch);
      if (this.#stream !== stream || stream.state === 'open') return;
      // A rejected token is not a reason to stop: what answered may be another program that took the relay's port
      // while it was down (it was sent nothing), and the relay back on its port takes us in again. The stream's
      // backoff keeps that to an attempt every 30 s at most; a new token (settings sync) reconnects at once.
      // HTTP takes our token yet the upgrade keeps failing: the relay refuses the stream itself (its Origin
      // allow-list lacks this extension id, or a proxy in between drops WebSockets).
      const refused = diagnosis === 'ok' && this.#failedInARow >= REFUSED_AFTER_FAILURES;
      this.#setStatus(refused ? 'refused' : diagnosis === 'ok' ? 'reconnecting' : diagnosis);
    } finally {
      this.#diagnosing = false;
    }
  }

  #setStatus(status: ConnectionStatus): void {
    this.#status = status;
    this.#options.onStatus(status, this.#settings?.relayUrl ?? '');
  }
}
