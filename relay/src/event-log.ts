import { randomBytes } from 'node:crypto';
import type { REPLAYABLE_EVENT_TYPES, StreamEvent, StreamEventOf, StreamEventType } from '@otp-relay/shared';
import { type Clock, toTimestamp } from './clock.ts';

export type ReplayableType = (typeof REPLAYABLE_EVENT_TYPES)[number];
type DataOf<T extends StreamEventType> = StreamEventOf<T>['data'];

/**
 * The numbered history of everything pushed live. Replayable events take the next `seq` and go into a
 * bounded ring so a client that reconnects can get exactly what it missed; frames that are not events
 * (hello, snapshot, pong, error) carry the latest seq so far. The epoch names this run of the relay.
 */
export class EventLog {
  readonly epoch: string;
  readonly #clock: Clock;
  readonly #capacity: number;
  readonly #ring: StreamEvent[] = [];
  readonly #listeners = new Set<(event: StreamEvent) => void>();
  #seq = 0;

  constructor(clock: Clock, capacity = 1000, epoch = randomBytes(8).toString('hex')) {
    this.#clock = clock;
    this.#capacity = capacity;
    this.epoch = epoch;
  }

  get seq(): number {
    return this.#seq;
  }

  publish<T extends ReplayableType>(type: T, data: DataOf<T>): StreamEvent {
    this.#seq += 1;
    const event = this.#envelope(type, data);
    this.#ring.push(event);
    if (this.#ring.length > this.#capacity) this.#ring.shift();
    for (const listener of this.#listeners) listener(event);
    return event;
  }

  /** A frame that is not an event of its own (hello, snapshot, pong, error). */
  frame<T extends Exclude<StreamEventType, ReplayableType>>(type: T, data: DataOf<T>): StreamEvent {
    return this.#envelope(type, data);
  }

  /** Every kept event after `seq`, or null when some of them are no longer kept (the caller sends a snapshot). */
  since(seq: number): StreamEvent[] | null {
    if (seq > this.#seq) return null;
    if (seq === this.#seq) return [];
    const first = this.#ring[0];
    if (first === undefined || first.seq > seq + 1) return null;
    return this.#ring.slice(seq + 1 - first.seq);
  }

  /** Forgets the history (on reset): a client behind this point gets a snapshot. */
  forget(): void {
    this.#ring.length = 0;
  }

  subscribe(listener: (event: StreamEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #envelope(type: StreamEventType, data: unknown): StreamEvent {
    return { type, seq: this.#seq, epoch: this.epoch, now: toTimestamp(this.#clock.now()), data } as StreamEvent;
  }
}
