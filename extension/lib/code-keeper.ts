import type { Message } from '@otp-relay/shared/message';
import type { StreamEvent } from '@otp-relay/shared/stream';
import type { StreamCursor } from '@otp-relay/shared/stream-client';
import {
  applyEvent,
  type CodeState,
  emptyCodeState,
  expireDue,
  isLive,
  liveCodes,
  mergeSeeded,
  msUntilNextChange,
  type StoredCode,
} from './code-store.ts';
import { loadCodeState } from './session-state.ts';

export interface CodeKeeperOptions {
  now: () => number;
  /** Every new state, at once (in memory first: auto-fill and fills read it; storage catches up). */
  onChange: (state: CodeState) => void;
}

/**
 * The code state and its expiry timer: folds stream events and seeded messages into the codes (code-store.ts
 * says how), greys a code when it expires and drops it after the linger, on a timer set for the next change.
 */
export class CodeKeeper {
  readonly #options: CodeKeeperOptions;
  #state: CodeState = emptyCodeState('');
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: CodeKeeperOptions) {
    this.#options = options;
  }

  get state(): CodeState {
    return this.#state;
  }

  /** What the last worker left in storage.session, if it was this relay's; else a fresh state for it. */
  async restore(relayUrl: string): Promise<void> {
    const saved = await loadCodeState();
    // Through #set: codes that expired while no worker ran are greyed, then dropped on time.
    this.#set(saved && saved.relayUrl === relayUrl ? saved : emptyCodeState(relayUrl));
  }

  /** Another relay's codes and cursor mean nothing: start over when the relay URL changes. */
  forRelay(relayUrl: string): void {
    if (this.#state.relayUrl !== relayUrl) this.#set(emptyCodeState(relayUrl));
  }

  /** Folds one stream event in, with the stream's cursor after it; the code it brought for the first time. */
  receive(event: StreamEvent, cursor: StreamCursor | null): StoredCode | null {
    const { state, arrived } = applyEvent(this.#state, event, this.#options.now());
    this.#set({ ...state, cursor });
    return arrived;
  }

  /** Adds what the relay listed over HTTP (seeding). */
  seed(messages: Message[]): void {
    this.#set(mergeSeeded(this.#state, messages));
  }

  /** The code with this message id while it is live. */
  liveCode(messageId: string): StoredCode | undefined {
    const code = this.#state.codes.find((c) => c.messageId === messageId);
    return code && isLive(code, this.#options.now() + this.#state.skewMs) ? code : undefined;
  }

  /** Live codes, newest first. */
  liveCodes(): StoredCode[] {
    return liveCodes(this.#state, this.#options.now());
  }

  liveCount(): number {
    return this.liveCodes().length;
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  #set(state: CodeState): void {
    const now = this.#options.now();
    this.#state = expireDue(state, now);
    clearTimeout(this.#timer);
    const wait = msUntilNextChange(this.#state, now);
    if (wait !== null) this.#timer = setTimeout(() => this.#set(this.#state), wait + 1);
    this.#options.onChange(this.#state);
  }
}
