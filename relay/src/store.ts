import type { Channel, Purpose, VerificationStatus } from '@otp-relay/shared';
import type { CodeDigest } from './codes.ts';
import type { InboxEntry } from './inbox/inbox-entry.ts';
import type { IssuedMessage } from './verifications/issued-message.ts';

/** A verification as the relay keeps it: times in ms on the relay's clock, the code only as a digest. */
export interface VerificationRecord {
  id: string;
  to: string;
  channel: Channel;
  purpose: Purpose;
  origin: string;
  status: VerificationStatus;
  codeLength: number;
  ttlMs: number;
  /** HMAC of the live code; null once the verification left `pending` (a dead code matches nothing). */
  codeDigest: CodeDigest | null;
  attemptsRemaining: number;
  sendCount: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  resendAvailableAt: number;
  /** Its live message in the inbox (a verification has at most one); set and cleared by the lifecycle. */
  message: IssuedMessage | null;
}

/** Abuse counters per destination (keyed by `destinationKey`), made by a send and by nothing else. */
export interface DestinationRecord {
  /** Send times (create or resend) inside the current window, oldest first. */
  sends: number[];
  consecutiveFailures: number;
  lockedUntil: number;
}

/** Where the relay keeps its state. In memory today; a small interface so it could live elsewhere. */
export interface RelayStore {
  getVerification(id: string): VerificationRecord | undefined;
  putVerification(record: VerificationRecord): void;
  deleteVerification(id: string): void;
  /** Verifications for `to` and `purpose`, newest first. */
  verificationsFor(to: string, purpose: Purpose): VerificationRecord[];
  verifications(): VerificationRecord[];

  /** Keeps a live message of any source, as the newest. */
  addMessage(message: InboxEntry): void;
  /** Lets a live message go; false when it was not kept (already removed). */
  removeMessage(message: InboxEntry): boolean;
  /** Live messages, newest first. */
  messages(): InboxEntry[];

  /** Pending verifications: counted up by putVerification of a new pending one, down by `ended` or delete. */
  liveVerificationCount(): number;
  /** A verification left `pending` (its record stays until it is forgotten). */
  ended(record: VerificationRecord): void;

  /** The counters of `key`, made if missing: only a send may call this. */
  destination(key: string): DestinationRecord;
  /** The counters of `key` if a send ever made them; a lookup never makes any. */
  findDestination(key: string): DestinationRecord | undefined;
  destinationCount(): number;
  /** Drops the counters `isIdle` says nothing depends on any more. */
  forgetDestinations(isIdle: (record: DestinationRecord) => boolean): void;
  clear(): void;
}

export function createMemoryStore(): RelayStore {
  const verifications = new Map<string, VerificationRecord>();
  /** Per destination, its verifications oldest first (all purposes: a destination has few). */
  const byDestination = new Map<string, VerificationRecord[]>();
  /**
   * Live messages in arrival order, as a doubly linked list through the entries themselves (a relay-issued
   * one is reached from its verification's `message`): no index of its own, and no hash table to rehash when
   * a million codes expire at once (bench figure 4).
   */
  let newest: InboxEntry | undefined;
  /** Entries in the list; an unlinked entry has no neighbours and is not `newest`. */
  const isLinked = (node: InboxEntry) => node === newest || node.newer !== undefined;
  const destinations = new Map<string, DestinationRecord>();
  let live = 0;

  const unlink = (node: InboxEntry): boolean => {
    if (!isLinked(node)) return false;
    if (node.newer === undefined) newest = node.older;
    else node.newer.older = node.older;
    if (node.older !== undefined) node.older.newer = node.newer;
    node.older = undefined;
    node.newer = undefined;
    return true;
  };

  return {
    getVerification: (id) => verifications.get(id),
    putVerification(record) {
      if (!verifications.has(record.id)) {
        if (record.status === 'pending') live += 1;
        const list = byDestination.get(record.to);
        if (list === undefined) byDestination.set(record.to, [record]);
        else list.push(record);
      }
      verifications.set(record.id, record);
    },
    deleteVerification(id) {
      const record = verifications.get(id);
      if (record === undefined) return;
      if (record.status === 'pending') live -= 1;
      if (record.message !== null) unlink(record.message);
      record.message = null;
      verifications.delete(id);
      const list = byDestination.get(record.to) ?? [];
      const at = list.indexOf(record);
      if (at !== -1) list.splice(at, 1);
      if (list.length === 0) byDestination.delete(record.to);
    },
    verificationsFor(to, purpose) {
      const found: VerificationRecord[] = [];
      const list = byDestination.get(to) ?? [];
      for (let i = list.length - 1; i >= 0; i--) {
        const record = list[i] as VerificationRecord;
        if (record.purpose === purpose) found.push(record);
      }
      return found;
    },
    verifications: () => [...verifications.values()],

    addMessage(message) {
      if (isLinked(message)) return;
      message.older = newest;
      message.newer = undefined;
      if (newest !== undefined) newest.newer = message;
      newest = message;
    },
    removeMessage: (message) => unlink(message),
    messages() {
      const list: InboxEntry[] = [];
      for (let node = newest; node !== undefined; node = node.older) list.push(node);
      return list;
    },

    liveVerificationCount: () => live,
    ended(record) {
      if (verifications.get(record.id) === record) live -= 1;
    },

    destination(key) {
      let record = destinations.get(key);
      if (record === undefined) {
        record = { sends: [], consecutiveFailures: 0, lockedUntil: 0 };
        destinations.set(key, record);
      }
      return record;
    },
    findDestination: (key) => destinations.get(key),
    destinationCount: () => destinations.size,
    forgetDestinations(isIdle) {
      for (const [key, record] of destinations) if (isIdle(record)) destinations.delete(key);
    },
    clear() {
      live = 0;
      verifications.clear();
      byDestination.clear();
      newest = undefined;
      destinations.clear();
    },
  };
}
