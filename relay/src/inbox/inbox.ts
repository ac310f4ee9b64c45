import type { Folder, Message, Purpose } from '@otp-relay/shared';
import type { EventLog } from '../event-log.ts';
import type { RelayStore } from '../store.ts';
import type { InboxEntry } from './inbox-entry.ts';

export interface MessageFilter {
  to?: string | undefined;
  purpose?: Purpose | undefined;
  origin?: string | undefined;
  folder?: Folder | undefined;
  /** ISO timestamp: keep messages created strictly after it. */
  since?: string | undefined;
}

interface Waiter {
  matcher: Matcher;
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

/** A filter with its destination normalised and its `since` parsed, once per list or wait. */
interface Matcher {
  to: string | undefined;
  purpose: Purpose | undefined;
  origin: string | undefined;
  folder: Folder | undefined;
  sinceMs: number | undefined;
}

function matcherOf(filter: MessageFilter): Matcher {
  return {
    to: filter.to === undefined ? undefined : normalizeTo(filter.to),
    purpose: filter.purpose,
    origin: filter.origin,
    folder: filter.folder,
    sinceMs: filter.since === undefined ? undefined : Date.parse(filter.since),
  };
}

function matches(entry: InboxEntry, m: Matcher): boolean {
  if (m.to !== undefined && entry.to !== m.to) return false;
  if (m.purpose !== undefined && entry.purpose !== m.purpose) return false;
  if (m.origin !== undefined && entry.origin !== m.origin) return false;
  if (m.folder !== undefined && entry.folder !== m.folder) return false;
  if (m.sinceMs !== undefined && entry.receivedAt <= m.sinceMs) return false;
  return true;
}

/**
 * The destinations' inboxes: live messages of every source (see inbox-entry.ts), newest first; each new one
 * goes out on the stream as a `message` event and releases the long-poll waiters it matches.
 */
export class Inbox {
  readonly #store: RelayStore;
  readonly #events: EventLog;
  /**
   * Open waits by the destination they name ('' for any): a new message only tests the waits for its own
   * destination and the unaddressed ones, not all of them (bench figure 6: 1,000 waiters, one message each).
   */
  readonly #waiters = new Map<string, Set<Waiter>>();
  #waitingCount = 0;

  constructor(store: RelayStore, events: EventLog) {
    this.#store = store;
    this.#events = events;
  }

  get waiting(): number {
    return this.#waitingCount;
  }

  list(filter: MessageFilter, limit = Number.POSITIVE_INFINITY): Message[] {
    const matcher = matcherOf(filter);
    const found: Message[] = [];
    for (const entry of this.#store.messages()) {
      if (found.length >= limit) break;
      if (matches(entry, matcher)) found.push(entry.toMessage());
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
      const matcher = matcherOf(filter);
      const key = matcher.to ?? '';
      let waiters = this.#waiters.get(key);
      if (waiters === undefined) {
        waiters = new Set();
        this.#waiters.set(key, waiters);
      }
      const group = waiters;
      const waiter: Waiter = {
        matcher,
        resolve: (message) => {
          clearTimeout(waiter.timer);
          if (group.delete(waiter)) this.#waitingCount -= 1;
          if (group.size === 0 && this.#waiters.get(key) === group) this.#waiters.delete(key);
          signal?.removeEventListener('abort', onAbort);
          resolve(message);
        },
        timer: setTimeout(() => waiter.resolve(null), waitMs),
      };
      const onAbort = () => waiter.resolve(null);
      signal?.addEventListener('abort', onAbort, { once: true });
      group.add(waiter);
      this.#waitingCount += 1;
    });
  }

  /**
   * Keeps `entry` as the newest live message, publishes it on the stream and releases the waiters it
   * matches; returns it as the wire shows it.
   */
  add(entry: InboxEntry): Message {
    this.#store.addMessage(entry);
    const wire = entry.toMessage();
    this.#events.publish('message', wire);
    for (const key of entry.to === undefined ? [''] : [entry.to, '']) {
      const waiters = this.#waiters.get(key);
      if (waiters === undefined) continue;
      for (const waiter of [...waiters]) {
        if (matches(entry, waiter.matcher)) waiter.resolve(wire);
      }
    }
    return wire;
  }

  /** Takes `entry` out of the inbox; returns the ids that left (none when it had already left). */
  remove(entry: InboxEntry): string[] {
    return this.#store.removeMessage(entry) ? [entry.id] : [];
  }

  /** Forgets what the inbox keeps beside the store (on reset; the store clears its own list). */
  clear(): void {}

  /** Ends every wait empty (on shutdown). */
  releaseAll(): void {
    for (const waiters of [...this.#waiters.values()]) {
      for (const waiter of [...waiters]) waiter.resolve(null);
    }
  }
}
