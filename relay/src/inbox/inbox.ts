import {
  type Folder,
  type Message,
  type MessageSource,
  normalizeDestination,
  type Purpose,
  RelayError,
} from '@otp-relay/shared';
import type { Clock } from '../clock.ts';
import type { EventLog } from '../event-log.ts';
import type { Scheduler } from '../scheduler.ts';
import type { RelayStore } from '../store.ts';
import type { InboxEntry } from './inbox-entry.ts';

/** The scheduler's kind for entries that expire on their own. */
const EXPIRE_MESSAGE = 'expire-message';

/**
 * At most this many live messages that expire on their own (every source but the relay's own codes, which
 * the send limits bound). Past it the oldest of them leaves early, with an `expired` event: a forwarder that
 * keeps posting is never refused (it would only retry), and what a tester looks at is the newest.
 */
export const MAX_STORED_MESSAGES = 10_000;

export interface InboxOptions {
  store: RelayStore;
  events: EventLog;
  scheduler: Scheduler;
  clock: Clock;
  maxStoredMessages?: number;
}

export interface MessageFilter {
  to?: string | undefined;
  purpose?: Purpose | undefined;
  origin?: string | undefined;
  source?: MessageSource | undefined;
  folder?: Folder | undefined;
  /** ISO timestamp: keep messages received strictly after it. */
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
  return /^ \d+$/.test(to) ? `+${to.slice(1)}` : normalizeDestination(to);
}

/** A filter with its destination normalised and its `since` parsed, once per list or wait. */
interface Matcher {
  to: string | undefined;
  purpose: Purpose | undefined;
  origin: string | undefined;
  source: MessageSource | undefined;
  folder: Folder | undefined;
  sinceMs: number | undefined;
}

function matcherOf(filter: MessageFilter): Matcher {
  return {
    to: filter.to === undefined ? undefined : normalizeTo(filter.to),
    purpose: filter.purpose,
    origin: filter.origin,
    source: filter.source,
    folder: filter.folder,
    sinceMs: filter.since === undefined ? undefined : Date.parse(filter.since),
  };
}

function matches(entry: InboxEntry, m: Matcher): boolean {
  if (m.to !== undefined && entry.to !== m.to) return false;
  if (m.purpose !== undefined && entry.purpose !== m.purpose) return false;
  if (m.origin !== undefined && entry.origin !== m.origin) return false;
  if (m.source !== undefined && entry.source !== m.source) return false;
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
  readonly #scheduler: Scheduler;
  readonly #clock: Clock;
  readonly #maxStored: number;
  /** Live entries that expire on their own, by id, oldest first (Map order): the expiry and the cap find them. */
  readonly #stored = new Map<string, InboxEntry>();
  /**
   * Open waits by the destination they name ('' for any): a new message only tests the waits for its own
   * destination and the unaddressed ones, not all of them (bench figure 6: 1,000 waiters, one message each).
   */
  readonly #waiters = new Map<string, Set<Waiter>>();
  #waitingCount = 0;

  constructor({ store, events, scheduler, clock, maxStoredMessages = MAX_STORED_MESSAGES }: InboxOptions) {
    this.#store = store;
    this.#events = events;
    this.#scheduler = scheduler;
    this.#clock = clock;
    if (!Number.isInteger(maxStoredMessages) || maxStoredMessages < 1) throw new Error('maxStoredMessages must be ≥ 1');
    this.#maxStored = maxStoredMessages;
    // The deadline may have moved on (none do today) or the entry left early: check before expiring.
    scheduler.handle(EXPIRE_MESSAGE, (id, at) => {
      const entry = this.#stored.get(id);
      if (entry !== undefined && entry.expiresAt === at) this.#expire(entry);
    });
  }

  /** Live messages that expire on their own (every source but the relay's own codes). */
  get storedCount(): number {
    return this.#stored.size;
  }

  /** True while `entry`, one that expires on its own, is in the inbox. */
  holds(entry: InboxEntry): boolean {
    return this.#stored.get(entry.id) === entry;
  }

  get waiting(): number {
    return this.#waitingCount;
  }

  list(filter: MessageFilter, limit = Number.POSITIVE_INFINITY): Message[] {
    const matcher = matcherOf(filter);
    const found: Message[] = [];
    const now = this.#clock.now();
    for (const entry of this.#store.messages()) {
      if (found.length >= limit) break;
      // Past its deadline but not yet taken out (the scheduler runs on its own turn): already gone to a reader.
      if (entry.expiresOnItsOwn && entry.expiresAt <= now) continue;
      if (matches(entry, matcher)) found.push(entry.toMessage());
    }
    return found;
  }

  /**
   * One page of `list`: `limit` matches after `cursor` (the last message of the page before, by id, and by its
   * receivedAt should it have left meanwhile: then the page goes on from the first older one).
   */
  page(filter: MessageFilter, limit: number, cursor?: string): { messages: Message[]; nextCursor?: string } {
    const after = cursor === undefined ? null : decodeCursor(cursor);
    const matcher = matcherOf(filter);
    const found: Message[] = [];
    const now = this.#clock.now();
    let passed = after === null;
    let more = false;
    for (const entry of this.#store.messages()) {
      if (entry.expiresOnItsOwn && entry.expiresAt <= now) continue;
      const message = entry.toMessage();
      if (!passed && after !== null) {
        if (message.id === after.id) {
          passed = true;
          continue;
        }
        if (Date.parse(message.receivedAt) >= after.receivedAt) continue;
        passed = true;
      }
      if (!matches(entry, matcher)) continue;
      if (found.length === limit) {
        more = true;
        break;
      }
      found.push(message);
    }
    const last = found.at(-1);
    return more && last ? { messages: found, nextCursor: encodeCursor(last) } : { messages: found };
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
    if (entry.expiresOnItsOwn) {
      this.#stored.set(entry.id, entry);
      this.#scheduler.schedule(EXPIRE_MESSAGE, entry.id, entry.expiresAt);
    }
    const wire = entry.toMessage();
    this.#events.publish('message', wire);
    for (const key of entry.to === undefined ? [''] : [entry.to, '']) {
      const waiters = this.#waiters.get(key);
      if (waiters === undefined) continue;
      for (const waiter of [...waiters]) {
        if (matches(entry, waiter.matcher)) waiter.resolve(wire);
      }
    }
    // Over the cap: the oldest stored entries leave (never the one just added: the cap is at least 1).
    while (this.#stored.size > this.#maxStored) {
      const oldest = this.#stored.values().next().value as InboxEntry;
      this.#expire(oldest);
    }
    return wire;
  }

  /** Takes `entry` out of the inbox; returns the ids that left (none when it had already left). */
  remove(entry: InboxEntry): string[] {
    if (entry.expiresOnItsOwn && this.#stored.get(entry.id) === entry) this.#stored.delete(entry.id);
    return this.#store.removeMessage(entry) ? [entry.id] : [];
  }

  /** A stored entry leaves at its deadline (or early, over the cap), announced by an `expired` event. */
  #expire(entry: InboxEntry): void {
    const messageIds = this.remove(entry);
    if (messageIds.length > 0) this.#events.publish('expired', { messageIds });
  }

  /** Forgets what the inbox keeps beside the store (on reset; the store clears its own list). */
  clear(): void {
    this.#stored.clear();
  }

  /** Ends every wait empty (on shutdown). */
  releaseAll(): void {
    for (const waiters of [...this.#waiters.values()]) {
      for (const waiter of [...waiters]) waiter.resolve(null);
    }
  }
}

function encodeCursor(message: Message): string {
  return Buffer.from(`${Date.parse(message.receivedAt)}.${message.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: number; id: string } {
  const [time, ...id] = Buffer.from(cursor, 'base64url').toString().split('.');
  const receivedAt = Number(time);
  if (!Number.isSafeInteger(receivedAt) || id.length === 0) {
    throw new RelayError('validation_failed', 'Not a cursor this relay gave out.', {
      errors: [{ field: 'cursor', message: 'Pass the nextCursor of the page before, as it came.' }],
    });
  }
  return { receivedAt, id: id.join('.') };
}
