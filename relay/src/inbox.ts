import type { Folder, Message, Purpose } from '@otp-relay/shared';
import { toTimestamp } from './clock.ts';
import { composeMessage } from './compose-message.ts';
import type { MessageRecord, RelayStore, VerificationRecord } from './store.ts';

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

function matches(message: MessageRecord, verification: VerificationRecord, m: Matcher): boolean {
  if (m.to !== undefined && message.to !== m.to) return false;
  if (m.purpose !== undefined && verification.purpose !== m.purpose) return false;
  if (m.origin !== undefined && verification.origin !== m.origin) return false;
  if (m.folder !== undefined && message.folder !== m.folder) return false;
  if (m.sinceMs !== undefined && message.createdAt <= m.sinceMs) return false;
  return true;
}

/**
 * The message as the wire shows it. Its words are composed here rather than kept: a live message costs its
 * code, not its text (bench figure 4). A message lives only while its verification is pending, so the
 * verification's expiry and TTL are the message's.
 */
function toMessage(message: MessageRecord, verification: VerificationRecord): Message {
  const { channel, purpose, origin } = verification;
  const content = composeMessage({
    channel,
    purpose,
    origin,
    code: message.code,
    ttlSeconds: Math.round(verification.ttlMs / 1000),
  });
  return {
    id: message.id,
    verificationId: message.verificationId,
    channel,
    to: message.to,
    purpose,
    origin,
    code: message.code,
    ...content,
    folder: message.folder,
    createdAt: toTimestamp(message.createdAt),
    expiresAt: toTimestamp(verification.expiresAt),
  };
}

/**
 * The destinations' inboxes: live messages only (a message leaves when its code dies), newest first, and
 * the long-poll waiters released the moment a matching message lands.
 */
export class Inbox {
  readonly #store: RelayStore;
  /**
   * Open waits by the destination they name ('' for any): a new message only tests the waits for its own
   * destination and the unaddressed ones, not all of them (bench figure 6: 1,000 waiters, one message each).
   */
  readonly #waiters = new Map<string, Set<Waiter>>();
  #waitingCount = 0;

  constructor(store: RelayStore) {
    this.#store = store;
  }

  get waiting(): number {
    return this.#waitingCount;
  }

  list(filter: MessageFilter, limit = Number.POSITIVE_INFINITY): Message[] {
    const matcher = matcherOf(filter);
    const found: Message[] = [];
    for (const message of this.#store.messages()) {
      if (found.length >= limit) break;
      const verification = this.#store.getVerification(message.verificationId);
      if (verification !== undefined && matches(message, verification, matcher)) {
        found.push(toMessage(message, verification));
      }
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

  /** Delivers `message` (of `verification`) and releases the waiters it matches; returns it as the wire shows it. */
  add(message: MessageRecord, verification: VerificationRecord): Message {
    this.#store.addMessage(message);
    const wire = toMessage(message, verification);
    for (const key of [message.to, '']) {
      const waiters = this.#waiters.get(key);
      if (waiters === undefined) continue;
      for (const waiter of [...waiters]) {
        if (matches(message, verification, waiter.matcher)) waiter.resolve(wire);
      }
    }
    return wire;
  }

  removeOf(verificationId: string): string[] {
    return this.#store.removeMessagesOf(verificationId);
  }

  /** Ends every wait empty (on shutdown). */
  releaseAll(): void {
    for (const waiters of [...this.#waiters.values()]) {
      for (const waiter of [...waiters]) waiter.resolve(null);
    }
  }
}
