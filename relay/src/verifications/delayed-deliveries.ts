import type { Folder } from '@otp-relay/shared';
import type { Scheduler } from '../scheduler.ts';

const DELIVER = 'deliver';

/** A message held back by a chaos `delay` rule: the code travels with it, as it would in a real SMS queue. */
interface HeldDelivery {
  code: string;
  folder: Folder;
  /** When it is due: an earlier deadline of the same verification (before a resend) must not release it. */
  at: number;
}

/** Hands a held code over for delivery when it falls due; the receiver checks the verification still wants it. */
export type Deliver = (verificationId: string, code: string, folder: Folder) => void;

/**
 * Deliveries a chaos `delay` rule held back, at most one per verification (a resend replaces it), released on
 * the relay's clock by the scheduler.
 */
export class DelayedDeliveries {
  readonly #held = new Map<string, HeldDelivery>();
  readonly #scheduler: Scheduler;

  constructor(scheduler: Scheduler, deliver: Deliver) {
    this.#scheduler = scheduler;
    scheduler.handle(DELIVER, (id, at) => {
      const held = this.#held.get(id);
      if (held === undefined || held.at !== at) return;
      this.#held.delete(id);
      deliver(id, held.code, held.folder);
    });
  }

  hold(verificationId: string, code: string, folder: Folder, at: number): void {
    this.#held.set(verificationId, { code, folder, at });
    this.#scheduler.schedule(DELIVER, verificationId, at);
  }

  /** The verification's code died: what is held for it is never delivered. */
  drop(verificationId: string): void {
    this.#held.delete(verificationId);
  }

  clear(): void {
    this.#held.clear();
  }
}
