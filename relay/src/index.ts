export { Chaos } from './chaos.ts';
export { type Clock, createRealClock, createTestClock } from './clock.ts';
export { createRelay, type Relay, type RelayOptions } from './create-relay.ts';
export { ROUTES } from './http/routes.ts';
export { DEFAULT_LIMITS, type RelayLimits } from './limits.ts';
export { createLogger } from './logger.ts';
export { RelayService, type Snapshot } from './relay-service.ts';
export type { VerificationService } from './service.ts';
export { createMemoryStore, type RelayStore } from './store.ts';
