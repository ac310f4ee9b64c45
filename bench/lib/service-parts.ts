import { type Clock, createRealClock, createTestClock, type TestClock } from '../../relay/src/clock.ts';
import { createService, type ServiceParts } from '../../relay/src/create-service.ts';
import { type RelayLimits, resolveLimits } from '../../relay/src/limits.ts';
import { createLogger } from '../../relay/src/logger.ts';
import { createMemoryStore, type RelayStore } from '../../relay/src/store.ts';
import { IssuedMessage } from '../../relay/src/verifications/issued-message.ts';

export type { ServiceParts };

/** Limits that never refuse a benchmark's sends (each load uses unique destinations anyway). */
export const RELAXED_LIMITS: Partial<RelayLimits> = {
  sendsPerWindow: 1_000_000,
  lockoutThreshold: 1_000_000,
  resendCooldownSeconds: 0,
  maxLiveVerifications: 100_000_000,
  maxDestinations: 100_000_000,
};

/**
 * The relay's service wired exactly as createRelay wires it (relay/src/create-service.ts), without HTTP: what
 * the bare node:http baseline and the heap measurements run on.
 */
export function createServiceParts(
  options: {
    testClock?: boolean;
    clock?: Clock;
    store?: RelayStore;
    limits?: Partial<RelayLimits>;
    maxStoredMessages?: number;
  } = {},
): ServiceParts {
  const clock: Clock | TestClock = options.clock ?? (options.testClock ? createTestClock() : createRealClock());
  return createService({
    clock,
    limits: resolveLimits({ ...RELAXED_LIMITS, ...options.limits }),
    logger: createLogger('silent'),
    ...(options.store === undefined ? {} : { store: options.store }),
    ...(options.maxStoredMessages === undefined ? {} : { maxStoredMessages: options.maxStoredMessages }),
  });
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
      if (message instanceof IssuedMessage) probe.codes.set(message.to, message.code);
      store.addMessage(message);
    },
    messages() {
      probe.messageScans += 1;
      return store.messages();
    },
  };
}
