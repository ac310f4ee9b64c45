import { type ChaosRule, type ChaosState, type ClockState, RelayError } from '@otp-relay/shared';
import type { Logger } from 'pino';
import type { Chaos } from './chaos.ts';
import { type Clock, isTestClock, toTimestamp } from './clock.ts';
import type { EventLog } from './event-log.ts';
import type { Inbox } from './inbox/inbox.ts';
import type { MessageReceiver } from './inbox/message-receiver.ts';
import type { Scheduler } from './scheduler.ts';
import type { RelayStore } from './store.ts';
import type { DelayedDeliveries } from './verifications/delayed-deliveries.ts';

export interface TestControlsDeps {
  store: RelayStore;
  inbox: Inbox;
  receiver: MessageReceiver;
  clock: Clock;
  scheduler: Scheduler;
  events: EventLog;
  chaos: Chaos;
  deliveries: DelayedDeliveries;
  logger: Logger;
}

/** What a tester steers (the /chaos, /clock and /reset routes; off with --no-test-controls). */
export class TestControls {
  readonly #d: TestControlsDeps;

  constructor(deps: TestControlsDeps) {
    this.#d = deps;
  }

  setChaos(rules: ChaosRule[]): ChaosState {
    return this.#d.chaos.set(rules);
  }

  chaosState(): ChaosState {
    return this.#d.chaos.state();
  }

  clockState(): ClockState {
    return { now: toTimestamp(this.#d.clock.now()), testClock: this.#d.clock.isTest };
  }

  /** Moves the test clock and fires, in order, everything that fell due (expiry, delayed deliveries). */
  advanceClock(ms: number): ClockState {
    const { clock, scheduler, events } = this.#d;
    if (!isTestClock(clock)) {
      throw new RelayError('test_clock_disabled', 'The relay runs on the real clock; start it with --test-clock.');
    }
    clock.advance(ms);
    scheduler.runDue();
    events.publish('clock', { now: toTimestamp(clock.now()) });
    return this.clockState();
  }

  /** Forgets every verification, message, counter and chaos rule. The clock and the sender rules stay. */
  reset(): void {
    const { store, inbox, receiver, scheduler, deliveries, chaos, events } = this.#d;
    store.clear();
    inbox.clear();
    receiver.clear();
    scheduler.clear();
    deliveries.clear();
    chaos.clear();
    events.forget();
    events.publish('reset', {});
    this.#d.logger.info('state reset');
  }
}
