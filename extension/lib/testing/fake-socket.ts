import type { StreamEvent } from '@otp-relay/shared/stream';
import type { CreateSocket, WebSocketLike } from '@otp-relay/shared/stream-client';

type Listener = (event: { data: unknown }) => void;

/** A WebSocket stand-in the test drives from the relay's side. */
export class FakeSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: unknown[] = [];
  readonly #listeners = new Map<string, Listener[]>();

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}

  addEventListener(type: string, listener: Listener): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.#fire('close');
  }

  /** Upgrade accepted. */
  open(): void {
    this.readyState = 1;
    this.#fire('open');
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

  #fire(type: string, event: { data: unknown } = { data: undefined }): void {
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
}

/** A CreateSocket that records every socket made, newest last. */
export function socketFactory(): { create: CreateSocket; sockets: FakeSocket[]; latest(): FakeSocket } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    create: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
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
