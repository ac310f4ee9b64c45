import type { Logger } from 'pino';
import { Chaos } from './chaos.ts';
import type { Clock } from './clock.ts';
import { createCodeHasher } from './codes.ts';
import { EventLog } from './event-log.ts';
import { Inbox } from './inbox.ts';
import type { RelayLimits } from './limits.ts';
import { RelayService } from './relay-service.ts';
import { Scheduler } from './scheduler.ts';
import { createMemoryStore, type RelayStore } from './store.ts';

export interface ServiceOptions {
  clock: Clock;
  limits: RelayLimits;
  logger: Logger;
  store?: RelayStore;
  /** How many recent stream events are kept for resuming clients. */
  historySize?: number;
}

export interface ServiceParts {
  service: RelayService;
  inbox: Inbox;
  store: RelayStore;
  scheduler: Scheduler;
  events: EventLog;
  clock: Clock;
}

/** The relay's core without HTTP: store, expiry schedule, event log, inbox and the service over them. */
export function createService(options: ServiceOptions): ServiceParts {
  const { clock } = options;
  const store = options.store ?? createMemoryStore();
  const scheduler = new Scheduler(clock);
  const events = new EventLog(clock, options.historySize ?? 1000);
  const inbox = new Inbox(store);
  const service = new RelayService({
    store,
    inbox,
    clock,
    scheduler,
    events,
    chaos: new Chaos(),
    hasher: createCodeHasher(),
    limits: options.limits,
    logger: options.logger,
  });
  return { service, inbox, store, scheduler, events, clock };
}
