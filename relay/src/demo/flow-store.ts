import { randomBytes } from 'node:crypto';
import type { Channel, Purpose, Verification } from '@otp-relay/shared';

export type FlowKind = 'signup' | 'login' | 'confirm';
export type ConfirmAction = 'payout' | 'settings';

/** One visitor's walk through a demo page: which verification it is on and where the code goes. */
export interface DemoFlow {
  id: string;
  kind: FlowKind;
  action: ConfirmAction | undefined;
  channel: Channel;
  /** The full destination stays on the server; pages only ever see it masked. */
  to: string;
  purpose: Purpose;
  origin: string;
  codeLength: number | undefined;
  verificationId: string;
  /** The last state the service told us, kept so a finished flow still reads right after the relay drops it. */
  last: Verification;
  completed: boolean;
}

export interface FlowStore {
  add(flow: Omit<DemoFlow, 'id'>): DemoFlow;
  get(id: string): DemoFlow | undefined;
  delete(id: string): void;
  readonly size: number;
}

/** Flow ids are opaque, unguessable and URL-safe: a visitor cannot walk into someone else's flow. */
export const FLOW_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export interface FlowStoreOptions {
  /** How many flows to keep before the oldest goes (default 1000). */
  maxFlows?: number;
  /** Told of each flow dropped to make room, so its verification does not outlive it. */
  onEvict?: (flow: DemoFlow) => void;
}

/**
 * Demo flows live in memory only, capped so a page reloaded in a loop cannot grow the relay without bound:
 * past the cap the oldest flow goes (a Map iterates in insertion order).
 */
export function createFlowStore({ maxFlows = 1000, onEvict }: FlowStoreOptions = {}): FlowStore {
  const flows = new Map<string, DemoFlow>();
  return {
    add(fields) {
      const flow: DemoFlow = { ...fields, id: randomBytes(16).toString('base64url') };
      flows.set(flow.id, flow);
      while (flows.size > maxFlows) {
        const oldest = flows.values().next();
        if (oldest.done) break;
        flows.delete(oldest.value.id);
        onEvict?.(oldest.value);
      }
      return flow;
    },
    get(id) {
      return FLOW_ID_PATTERN.test(id) ? flows.get(id) : undefined;
    },
    delete(id) {
      flows.delete(id);
    },
    get size() {
      return flows.size;
    },
  };
}
