import type { Folder, Message, Purpose } from '@otp-relay/shared';
import type { RelayStore } from './store.ts';

export interface MessageFilter {
  to?: string | undefined;
  purpose?: Purpose | undefined;
  origin?: string | undefined;
  folder?: Folder | undefined;
  /** ISO timestamp: keep messages created strictly after it. */
  since?: string | undefined;
}

interface Waiter {
  filter: MessageFilter;
  resolve: (message: Message | null) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * `?to=+14155550123` typed by hand (curl, a browser bar) arrives as " 14155550123": in a query string `+` means
 * a space. No destination starts with a space, so read it as the plus it was meant to be.
 */
export function normalizeTo(to: string): string {
  return /^ \d+$/.test(to) ? `+${to.slice(1)}` : to;
}

export function matchesFilter(message: Message, filter: MessageFilter): boolean {
  if (filter.to !== undefined && message.to !== normalizeTo(filter.to)) return false;
  if (filter.purpose !== undefined && message.purpose !== filter.purpose) return false;
  if (filter.origin !== undefined && message.origin !== filter.origin) return false;
  if (filter.folder !== undefined && message.folder !== filter.folder) return false;
  if (filter.since !== undefined && Date.parse(message.createdAt) <= Date.parse(filter.since)) return false;
  return true;
}

/**
 * The destinations' inboxes: live messages only (a message leaves when its code dies), newest first, and
 * the long-poll waiters released the moment a matching message lands.
 */
export class Inbox {
  readonly #store: RelayStore;
  readonly #waiters = new Set<Waiter>();

  constructor(store: RelayStore) {
    this.#store = store;
  }

  get waiting(): number {
    return this.#waiters.size;
  }

  list(filter: MessageFilter, limit = Number.POSITIVE_INFINITY): Message[] {
    const found: Message[] = [];
    for (const message of this.#store.messages()) {
      if (found.length >= limit) break;
      if (matchesFilter(message, filter)) found.push(message);
    }
    return found;
  }

  latest(filter: MessageFilter): Message | null {
    return this.list(filter, 1)[0] ?? null;
  }

  /**
   * The newest live match now, or the first one to arrive within `waitMs` (real time: a long poll is an
   * HTTP request, not relay time). Null when the wait ends empty or `signal` aborts (client went away).
   */
  wait(filter: MessageFilter, waitMs: number, signal?: AbortSignal): Promise<Message | null> {
    const now = this.latest(filter);
    if (now !== null || waitMs <= 0 || signal?.aborted) return Promise.resolve(now);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        filter,
        resolve: (message) => {
          clearTimeout(waiter.timer);
          this.#waiters.delete(waiter);
          signal?.removeEventListener('abort', onAbort);
          resolve(message);
        },
        timer: setTimeout(() => waiter.resolve(null), waitMs),
      };
      const onAbort = () => waiter.resolve(null);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }

  add(message: Message): void {
    this.#store.addMessage(message);
    for (const waiter of [...this.#waiters]) {
      if (matchesFilter(message, waiter.filter)) waiter.resolve(message);
    }
  }

  removeOf(verificationId: string): string[] {
    return this.#store.removeMessagesOf(verificationId);
  }

  /** Ends every wait empty (on shutdown). */
  releaseAll(): void {
    for (const waiter of [...this.#waiters]) waiter.resolve(null);
  }
}
