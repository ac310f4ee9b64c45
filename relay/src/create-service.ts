import type { Logger } from 'pino';
import { Chaos } from './chaos.ts';
import type { Clock } from './clock.ts';
import { createCodeHasher } from './codes.ts';
import { EventLog } from './event-log.ts';
import { Inbox } from './inbox/inbox.ts';
import { MessageReceiver } from './inbox/message-receiver.ts';
import { SenderRuleBook, type SenderRulesPersistence } from './inbox/sender-rule-book.ts';
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
  /** Cap on live messages from outside the relay (inbox.ts MAX_STORED_MESSAGES). */
  maxStoredMessages?: number;
  /** Where the seller's sender rules persist; without it they last this run. */
  senderRules?: SenderRulesPersistence;
}

export interface ServiceParts {
  /** The issuer side: codes this relay issues (what the demo seller center and the HTTP routes call). */
  service: VerificationLifecycle;
  /** Live messages of every source, and the long polls waiting for them. */
  inbox: Inbox;
  /** The one way in for messages from outside (POST /inbound and every future source). */
  receiver: MessageReceiver;
  senderRules: SenderRuleBook;
  controls: TestControls;
  /** The chaos rules every simulated send obeys (the relay's own codes and the provider-compatible APIs). */
  chaos: Chaos;
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
  const inbox = new Inbox({
    store,
    events,
    scheduler,
    clock,
    ...(options.maxStoredMessages === undefined ? {} : { maxStoredMessages: options.maxStoredMessages }),
  });
  const senderRules = new SenderRuleBook(options.senderRules);
  const receiver = new MessageReceiver({
    inbox,
    clock,
    senderRules: () => senderRules.rules(),
    defaultTtlMs: limits.ttlSeconds * 1000,
    logger,
  });
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
    receiver,
    clock,
    scheduler,
    events,
    chaos,
    deliveries: service.deliveries,
    logger,
  });
  const snapshot = () => ({ messages: inbox.list({}), verifications: service.pending() });
  return { service, inbox, receiver, senderRules, controls, chaos, snapshot, store, scheduler, events, clock };
}
