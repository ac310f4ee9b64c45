import type { Channel, Message, Purpose, VerificationStatus } from '@otp-relay/shared';

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
  codeDigest: Buffer | null;
  attemptsRemaining: number;
  sendCount: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  resendAvailableAt: number;
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

  addMessage(message: Message): void;
  /** Removes the messages that carry a verification's code; returns their ids. */
  removeMessagesOf(verificationId: string): string[];
  /** Live messages, newest first. */
  messages(): Message[];

  destination(to: string): DestinationRecord;
  clear(): void;
}

export function createMemoryStore(): RelayStore {
  const verifications = new Map<string, VerificationRecord>();
  const byDestination = new Map<string, string[]>();
  const messages = new Map<string, Message>();
  const messagesByVerification = new Map<string, Set<string>>();
  const destinations = new Map<string, DestinationRecord>();
  const keyOf = (to: string, purpose: Purpose) => `${purpose}\u0000${to}`;

  return {
    getVerification: (id) => verifications.get(id),
    putVerification(record) {
      if (!verifications.has(record.id)) {
        const key = keyOf(record.to, record.purpose);
        byDestination.set(key, [...(byDestination.get(key) ?? []), record.id]);
      }
      verifications.set(record.id, record);
    },
    deleteVerification(id) {
      const record = verifications.get(id);
      if (record === undefined) return;
      verifications.delete(id);
      const key = keyOf(record.to, record.purpose);
      const ids = (byDestination.get(key) ?? []).filter((other) => other !== id);
      if (ids.length === 0) byDestination.delete(key);
      else byDestination.set(key, ids);
    },
    verificationsFor(to, purpose) {
      const ids = byDestination.get(keyOf(to, purpose)) ?? [];
      return ids
        .map((id) => verifications.get(id))
        .filter((record) => record !== undefined)
        .reverse();
    },
    verifications: () => [...verifications.values()],

    addMessage(message) {
      messages.set(message.id, message);
      const ids = messagesByVerification.get(message.verificationId) ?? new Set();
      ids.add(message.id);
      messagesByVerification.set(message.verificationId, ids);
    },
    removeMessagesOf(verificationId) {
      const ids = [...(messagesByVerification.get(verificationId) ?? [])];
      for (const id of ids) messages.delete(id);
      messagesByVerification.delete(verificationId);
      return ids;
    },
    messages: () => [...messages.values()].reverse(),

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
      messages.clear();
      messagesByVerification.clear();
      destinations.clear();
    },
  };
}
