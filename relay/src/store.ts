import type { Channel, Folder, Purpose, VerificationStatus } from '@otp-relay/shared';
import type { CodeDigest } from './codes.ts';

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
  /** Its live message (a verification has at most one); set and cleared by the store only. */
  message: MessageRecord | null;
}

/**
 * A delivered message as the relay keeps it: only what is not derived from its verification. Its words are a
 * pure function of the verification and the code, so they are composed when the message is read
 * (inbox.ts), as are the ISO timestamps; the code itself must stay, since the inbox serves it.
 */
export interface MessageRecord {
  id: string;
  verificationId: string;
  to: string;
  code: string;
  folder: Folder;
  /** ms on the relay's clock. */
  createdAt: number;
}

/** Abuse counters per destination, keyed by the `to` string whether or not anything was ever sent to it. */
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

  /** Keeps a verification's live message (at most one: it replaces any earlier one). */
  addMessage(message: MessageRecord): void;
  /** Removes the message that carries a verification's code; returns its id (none or one). */
  removeMessagesOf(verificationId: string): string[];
  /** Live messages, newest first. */
  messages(): MessageRecord[];

  destination(to: string): DestinationRecord;
  clear(): void;
}

/** A live message in the store's delivery-order list. */
interface MessageNode extends MessageRecord {
  older: MessageNode | undefined;
  newer: MessageNode | undefined;
}

export function createMemoryStore(): RelayStore {
  const verifications = new Map<string, VerificationRecord>();
  /** Per destination, its verifications oldest first (all purposes: a destination has few). */
  const byDestination = new Map<string, VerificationRecord[]>();
  /**
   * Live messages in delivery order, as a doubly linked list reached from each verification's `message`: no
   * index of its own, and no hash table to rehash when a million codes expire at once (bench figure 4).
   */
  let newest: MessageNode | undefined;
  const destinations = new Map<string, DestinationRecord>();

  const unlink = (node: MessageNode) => {
    if (node.newer === undefined) newest = node.older;
    else node.newer.older = node.older;
    if (node.older !== undefined) node.older.newer = node.newer;
    node.older = undefined;
    node.newer = undefined;
  };

  return {
    getVerification: (id) => verifications.get(id),
    putVerification(record) {
      if (!verifications.has(record.id)) {
        const list = byDestination.get(record.to);
        if (list === undefined) byDestination.set(record.to, [record]);
        else list.push(record);
      }
      verifications.set(record.id, record);
    },
    deleteVerification(id) {
      const record = verifications.get(id);
      if (record === undefined) return;
      if (record.message !== null) unlink(record.message as MessageNode);
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
      const record = verifications.get(message.verificationId);
      if (record === undefined) return;
      if (record.message !== null) unlink(record.message as MessageNode);
      const node: MessageNode = {
        id: message.id,
        verificationId: message.verificationId,
        to: message.to,
        code: message.code,
        folder: message.folder,
        createdAt: message.createdAt,
        older: newest,
        newer: undefined,
      };
      if (newest !== undefined) newest.newer = node;
      newest = node;
      record.message = node;
    },
    removeMessagesOf(verificationId) {
      const record = verifications.get(verificationId);
      const message = record?.message;
      if (record === undefined || message === null || message === undefined) return [];
      unlink(message as MessageNode);
      record.message = null;
      return [message.id];
    },
    messages() {
      const list: MessageRecord[] = [];
      for (let node = newest; node !== undefined; node = node.older) list.push(node);
      return list;
    },

    destination(to) {
      let record = destinations.get(to);
      if (record === undefined) {
        record = { sends: [], consecutiveFailures: 0, lockedUntil: 0 };
        destinations.set(to, record);
      }
      return record;
    },
    clear() {
      verifications.clear();
      byDestination.clear();
      newest = undefined;
      destinations.clear();
    },
  };
}
