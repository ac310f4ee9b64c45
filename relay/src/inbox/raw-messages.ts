/** Raw bytes kept at most, across all messages (the oldest leave first past it). */
export const MAX_RAW_BYTES = 64 * 1024 * 1024;

/**
 * The raw RFC 5322 bytes of the messages that came as email (SMTP, IMAP), for GET /api/v1/messages/:id/raw.
 * Bounded: past `maxBytes` or `maxCount` the oldest leave first (their message may still be listed; its raw
 * form is then a 404). One buffer shared by several recipients' messages is counted once per message: an
 * overestimate, so the bound holds.
 */
export class RawMessages {
  readonly #maxBytes: number;
  readonly #maxCount: number;
  /** id → bytes, oldest first (Map order). */
  readonly #raw = new Map<string, Uint8Array>();
  #bytes = 0;

  constructor({ maxBytes = MAX_RAW_BYTES, maxCount = 10_000 }: { maxBytes?: number; maxCount?: number } = {}) {
    this.#maxBytes = maxBytes;
    this.#maxCount = maxCount;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#raw.size;
  }

  set(id: string, raw: Uint8Array): void {
    // One message larger than the whole budget is not kept at all rather than emptying the store for it.
    if (raw.byteLength > this.#maxBytes) return;
    this.delete([id]);
    this.#raw.set(id, raw);
    this.#bytes += raw.byteLength;
    while (this.#bytes > this.#maxBytes || this.#raw.size > this.#maxCount) {
      const oldest = this.#raw.keys().next().value as string;
      this.delete([oldest]);
    }
  }

  get(id: string): Uint8Array | undefined {
    return this.#raw.get(id);
  }

  delete(ids: readonly string[]): void {
    for (const id of ids) {
      const raw = this.#raw.get(id);
      if (raw === undefined) continue;
      this.#raw.delete(id);
      this.#bytes -= raw.byteLength;
    }
  }

  clear(): void {
    this.#raw.clear();
    this.#bytes = 0;
  }
}
