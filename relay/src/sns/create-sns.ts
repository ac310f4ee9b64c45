import type express from 'express';
import type { Logger } from 'pino';
import type { Chaos } from '../chaos.ts';
import type { EventLog } from '../event-log.ts';
import type { MessageReceiver } from '../inbox/message-receiver.ts';
import type { Scheduler } from '../scheduler.ts';
import { createSnsRouter } from './create-sns-router.ts';

export interface SnsOptions {
  /** A key pair whose signatures are verified in full (--sns-access-key-id / --sns-secret-access-key). */
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
}

/**
 * The /aws/sns router, or undefined when SNS stays off: with test controls on it always runs (any key, well
 * signed); without them only with a configured key pair.
 */
export function createSns(
  options: SnsOptions,
  testControls: boolean,
  parts: {
    receiver: MessageReceiver;
    chaos: Chaos;
    scheduler: Scheduler;
    clock: { now(): number };
    events: EventLog;
    logger: Logger;
  },
): express.Router | undefined {
  const { accessKeyId, secretAccessKey } = options;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new Error('Give both --sns-access-key-id and --sns-secret-access-key, or neither.');
  }
  const keys = new Map<string, string>();
  if (accessKeyId !== undefined && secretAccessKey !== undefined) keys.set(accessKeyId, secretAccessKey);
  if (keys.size === 0 && !testControls) return undefined;
  return createSnsRouter({ keys, acceptAnyKey: testControls, ...parts });
}
