import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { CodeState } from './code-store.ts';
import type { ConnectionInfo } from './connection-status.ts';

/*
 * The background's memory, in storage.session: it outlives a service-worker restart (not a browser restart,
 * and codes should not), and extension pages (the popup) read it directly and watch it for changes.
 */
export const SESSION_KEYS = { codes: 'codeState', connection: 'connection' } as const;

const CodeStateSchema = z.object({
  relayUrl: z.string(),
  codes: z.array(
    z.object({
      messageId: z.string(),
      verificationId: z.string(),
      code: z.string(),
      origin: z.string(),
      channel: z.enum(['sms', 'email']),
      to: z.string(),
      purpose: z.enum(['signup', 'login', 'transaction', 'account_change']),
      folder: z.enum(['inbox', 'spam']),
      createdAt: z.number(),
      expiresAt: z.number(),
      expiredAtLocal: z.number().optional(),
    }),
  ),
  cursor: z.object({ epoch: z.string(), seq: z.number() }).nullable(),
  skewMs: z.number(),
});

const ConnectionInfoSchema = z.object({
  status: z.enum(['not-paired', 'connecting', 'connected', 'reconnecting', 'unreachable', 'token-rejected', 'refused']),
  relayUrl: z.string(),
  since: z.number(),
});

export function parseCodeState(value: unknown): CodeState | null {
  const parsed = CodeStateSchema.safeParse(value);
  return parsed.success ? (parsed.data as CodeState) : null;
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
}

/**
 * One storage.session write for whatever changed. Codes and cursor are one value (CodeState), so a restart never
 * resumes past codes it did not keep.
 */
export async function saveSession({ codes, connection }: SessionChanges): Promise<void> {
  await browser.storage.session.set({
    ...(codes ? { [SESSION_KEYS.codes]: codes } : {}),
    ...(connection ? { [SESSION_KEYS.connection]: connection } : {}),
  });
}
