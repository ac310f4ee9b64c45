import { browser } from 'wxt/browser';
import { z } from 'zod';
import { AUTO_FILL_OUTCOMES_KEY, type AutoFillOutcomeMap } from './auto-fill-outcomes.ts';
import { type CodeState, CodeStateSchema } from './code-store.ts';
import type { ConnectionInfo } from './connection-status.ts';

/*
 * The background's memory, in storage.session: it outlives a service-worker restart (not a browser restart,
 * and codes should not), and extension pages (the popup) read it directly and watch it for changes.
 */
export const SESSION_KEYS = {
  codes: 'codeState',
  connection: 'connection',
  autoFill: 'autoFillLog',
  autoFillOutcomes: AUTO_FILL_OUTCOMES_KEY,
} as const;

/**
 * What auto-fill decided for an arriving code, once every open tab was considered: how many tabs were armed
 * (0: the rules let it into none). Kept for the last few codes, so a test (or a curious seller in devtools)
 * can see that a code was deliberately not filled instead of waiting and hoping.
 */
export interface AutoFillDecision {
  messageId: string;
  armedTabs: number;
  /** Local wall time of the decision. */
  at: number;
}

/** How many decisions are kept (newest last). */
export const AUTO_FILL_LOG_SIZE = 20;

const ConnectionInfoSchema = z.object({
  status: z.enum(['not-paired', 'connecting', 'connected', 'reconnecting', 'unreachable', 'token-rejected', 'refused']),
  relayUrl: z.string(),
  since: z.number(),
});

export function parseCodeState(value: unknown): CodeState | null {
  const parsed = CodeStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function parseConnectionInfo(value: unknown): ConnectionInfo | null {
  const parsed = ConnectionInfoSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function loadCodeState(): Promise<CodeState | null> {
  const stored = await browser.storage.session.get(SESSION_KEYS.codes);
  return parseCodeState(stored[SESSION_KEYS.codes]);
}

export async function loadConnectionInfo(): Promise<ConnectionInfo | null> {
  const stored = await browser.storage.session.get(SESSION_KEYS.connection);
  return parseConnectionInfo(stored[SESSION_KEYS.connection]);
}

/** What changed since the last save; absent keys are left as they are in storage. */
export interface SessionChanges {
  codes?: CodeState;
  connection?: ConnectionInfo;
  autoFill?: AutoFillDecision[];
  autoFillOutcomes?: AutoFillOutcomeMap;
}

/**
 * One storage.session write for whatever changed. Codes and cursor are one value (CodeState), so a restart never
 * resumes past codes it did not keep.
 */
export async function saveSession({ codes, connection, autoFill, autoFillOutcomes }: SessionChanges): Promise<void> {
  await browser.storage.session.set({
    ...(codes ? { [SESSION_KEYS.codes]: codes } : {}),
    ...(connection ? { [SESSION_KEYS.connection]: connection } : {}),
    ...(autoFill ? { [SESSION_KEYS.autoFill]: autoFill } : {}),
    ...(autoFillOutcomes ? { [SESSION_KEYS.autoFillOutcomes]: autoFillOutcomes } : {}),
  });
}
