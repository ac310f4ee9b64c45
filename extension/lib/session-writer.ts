import { type SessionChanges, saveSession } from './session-state.ts';

/**
 * Coalesced storage.session writes. A burst of stream events (two per code) used to queue one write of the WHOLE
 * code list each, one after another: 199 codes reached storage 2–5× later than a Node stream client had them
 * (bench figure 5), and the popup showed a partial list meanwhile. Now at most one write is in flight; changes
 * made meanwhile replace each other, and when it lands the latest of each key is written once. Nothing is lost
 * (the last change is always written) and each key's value is written whole, so codes and their cursor stay
 * together.
 */
export class SessionWriter {
  readonly #afterWrite: () => Promise<void>;
  #pending: SessionChanges = {};
  #dirty = false;
  #draining: Promise<void> | null = null;

  /** `afterWrite` runs after each write, in the same single lane (the badge, from the state of that moment). */
  constructor(afterWrite: () => Promise<void> = async () => undefined) {
    this.#afterWrite = afterWrite;
  }

  save(changes: SessionChanges): void {
    this.#pending = { ...this.#pending, ...changes };
    this.#dirty = true;
    this.#draining ??= this.#drain();
  }

  /** Resolves once every change saved so far reached storage.session. */
  flushed(): Promise<void> {
    return this.#draining ?? Promise.resolve();
  }

  async #drain(): Promise<void> {
    // Changes made in the same turn (a state and a status, say) go in one write.
    await null;
    try {
      while (this.#dirty) {
        const changes = this.#pending;
        this.#pending = {};
        this.#dirty = false;
        await saveSession(changes).catch(() => undefined);
        await this.#afterWrite().catch(() => undefined);
      }
    } finally {
      // Reached in the same turn as the last `#dirty` check: a change after it starts a new drain.
      this.#draining = null;
    }
  }
}
