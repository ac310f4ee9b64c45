import { Chaos } from '../../relay/src/chaos.ts';
import { type Clock, createRealClock, createTestClock, type TestClock } from '../../relay/src/clock.ts';
import { createCodeHasher } from '../../relay/src/codes.ts';
import { EventLog } from '../../relay/src/event-log.ts';
import { Inbox } from '../../relay/src/inbox.ts';
import { type RelayLimits, resolveLimits } from '../../relay/src/limits.ts';
import { createLogger } from '../../relay/src/logger.ts';
import { RelayService } from '../../relay/src/relay-service.ts';
import { Scheduler } from '../../relay/src/scheduler.ts';
import { createMemoryStore, type RelayStore } from '../../relay/src/store.ts';

/** Limits that never refuse a benchmark's sends (each load uses unique destinations anyway). */
export const RELAXED_LIMITS: Partial<RelayLimits> = {
  sendsPerWindow: 1_000_000,
  lockoutThreshold: 1_000_000,
  resendCooldownSeconds: 0,
};

export interface ServiceParts {
  service: RelayService;
  inbox: Inbox;
  store: RelayStore;
  scheduler: Scheduler;
  events: EventLog;
  clock: Clock;
}

/**
 * The relay's service wired exactly as createRelay wires it (relay/src/create-relay.ts), without HTTP: what
 * the bare node:http baseline and the heap measurements run on.
 */
export function createServiceParts(
  options: { testClock?: boolean; clock?: Clock; store?: RelayStore; limits?: Partial<RelayLimits> } = {},
): ServiceParts {
  const clock: Clock | TestClock = options.clock ?? (options.testClock ? createTestClock() : createRealClock());
  const store = options.store ?? createMemoryStore();
  const scheduler = new Scheduler(clock);
  const events = new EventLog(clock, 1000);
  const inbox = new Inbox(store);
  const service = new RelayService({
    store,
    inbox,
    clock,
    scheduler,
    events,
    chaos: new Chaos(),
    hasher: createCodeHasher(),
    limits: resolveLimits({ ...RELAXED_LIMITS, ...options.limits }),
    logger: createLogger('silent'),
  });
  return { service, inbox, store, scheduler, events, clock };
}

/** Counters a bench reads from a server process. */
export interface StoreProbe {
  /** Calls of store.messages(): each long poll registers through one (Inbox.wait → latest → list). */
  messageScans: number;
  /** The live code per destination, for the bench-only x-bench-code header (see exposeCodes). */
  codes: Map<string, string>;
}

/** The memory store with two taps: it remembers each new code by destination and counts inbox scans. */
export function createProbedStore(probe: StoreProbe): RelayStore {
  const store = createMemoryStore();
  return {
    ...store,
    addMessage(message: Parameters<RelayStore['addMessage']>[0]) {
      probe.codes.set(message.to, message.code);
      store.addMessage(message);
    },
    messages() {
      probe.messageScans += 1;
      return store.messages();
    },
  };
}
