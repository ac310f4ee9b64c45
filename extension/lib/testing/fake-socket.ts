import type { StreamEvent } from '@otp-relay/shared/stream';
import type { CreateSocket, WebSocketLike } from '@otp-relay/shared/stream-client';
import { tokenProof } from '@otp-relay/shared/token-proof';

type Listener = (event: { data: unknown }) => void;

const RELAY_NONCE = 'fa'.repeat(16);

/**
 * A WebSocket stand-in the test drives from the relay's side. It plays the relay's part of the proof of the
 * token with `relayToken()` (what the fake relay knows): on open it sends the challenge, and it records the
 * client's answer in `proved` rather than in `sent`, which holds what the client sends once proved.
 */
export class FakeSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: unknown[] = [];
  /** True once the client answered the challenge with a correct proof. */
  proved = false;
  readonly #listeners = new Map<string, Listener[]>();

  constructor(
    readonly url: string,
    readonly protocols: string[],
    readonly relayToken: () => string,
  ) {}

  addEventListener(type: string, listener: Listener): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  send(data: string): void {
    const frame = JSON.parse(data);
    if (frame.type === 'prove') {
      this.proved = frame.proof === tokenProof(this.relayToken(), 'stream client', RELAY_NONCE, this.#nonce());
      if (!this.proved) this.close();
      return;
    }
    this.sent.push(frame);
  }
  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.#fire('close');
  }

  /** Upgrade accepted: the relay proves the token on the client's nonce (the client answers at once). */
  open(): void {
    this.readyState = 1;
    this.#fire('open');
    const proof = tokenProof(this.relayToken(), 'stream relay', this.#nonce(), RELAY_NONCE);
    this.#fire('message', { data: JSON.stringify({ type: 'challenge', nonce: RELAY_NONCE, proof }) });
  }
  /** One frame from the relay. */
  receive(event: StreamEvent): void {
    this.#fire('message', { data: JSON.stringify(event) });
  }
  /** The upgrade failed or the relay went away (a browser reports both as a close). */
  fail(): void {
    this.#fire('error');
    this.close();
  }

  #nonce(): string {
    return this.protocols[1]?.replace('otp-relay.nonce.', '') ?? '';
  }

  #fire(type: string, event: { data: unknown } = { data: undefined }): void {
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
}

/** A CreateSocket that records every socket made, newest last; the relay's side knows `relayToken()`. */
export function socketFactory(relayToken: () => string): {
  create: CreateSocket;
  sockets: FakeSocket[];
  latest(): FakeSocket;
} {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    create: (url, protocols) => {
      const socket = new FakeSocket(url, protocols, relayToken);
      sockets.push(socket);
      return socket;
    },
    latest() {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket was created');
      return socket;
    },
  };
}
