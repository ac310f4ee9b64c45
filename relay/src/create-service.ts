import type { Logger } from 'pino';
import { Chaos } from './chaos.ts';
import type { Clock } from './clock.ts';
import { createCodeHasher } from './codes.ts';
import { EventLog } from './event-log.ts';
import { Inbox } from './inbox/inbox.ts';
import type { RelayLimits } from './limits.ts';
import { Scheduler } from './scheduler.ts';
import { createMemoryStore, type RelayStore } from './store.ts';
import type { Snapshot } from './stream-server.ts';
import { TestControls } from './test-controls.ts';
import { AbuseLimits } from './verifications/abuse-limits.ts';
import { VerificationLifecycle } from './verifications/verification-lifecycle.ts';

export interface ServiceOptions {
  clock: Clock;
  limits: RelayLimits;
  logger: Logger;
  store?: RelayStore;
  /** How many recent stream events are kept for resuming clients. */
  historySize?: number;
}

export interface ServiceParts {
  /** The issuer side: codes this relay issues (what the demo seller center and the HTTP routes call). */
  service: VerificationLifecycle;
  /** Live messages of every source, and the long polls waiting for them. */
  inbox: Inbox;
  controls: TestControls;
  /** Everything live, for a stream client that cannot resume. */
  snapshot(): Snapshot;
  store: RelayStore;
  scheduler: Scheduler;
  events: EventLog;
  clock: Clock;
}

/** The relay's core without HTTP: store, expiry schedule, event log, inbox and the parts over them. */
export function createService(options: ServiceOptions): ServiceParts {
  const { clock, logger, limits } = options;
  const store = options.store ?? createMemoryStore();
  const scheduler = new Scheduler(clock);
  const events = new EventLog(clock, options.historySize ?? 1000);
  const inbox = new Inbox(store, events);
  const chaos = new Chaos();
  const service = new VerificationLifecycle({
    store,
    inbox,
    clock,
    scheduler,
    events,
    chaos,
    hasher: createCodeHasher(),
    limits,
    abuse: new AbuseLimits(store, clock, limits, logger),
    logger,
  });
  const controls = new TestControls({
    store,
    inbox,
    clock,
    scheduler,
    events,
    chaos,
    deliveries: service.deliveries,
    logger,
  });
  const snapshot = () => ({ messages: inbox.list({}), verifications: service.pending() });
  return { service, inbox, controls, snapshot, store, scheduler, events, clock };
}
