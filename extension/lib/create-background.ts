import type { CreateSocket } from '@otp-relay/shared/stream-client';
import { isAuthenticatorCode } from './authenticator/authenticator-code.ts';
import { authenticatorSource } from './authenticator/authenticator-source.ts';
import { Vault } from './authenticator/vault.ts';
import { AutoFillOutcomes } from './auto-fill-outcomes.ts';
import { Badge } from './badge.ts';
import { CodeKeeper } from './code-keeper.ts';
import type { CodeState } from './code-store.ts';
import type { ConnectionStatus } from './connection-status.ts';
import { FillPolicy } from './fill-policy.ts';
import { seedCodes } from './seed-codes.ts';
import { AUTO_FILL_LOG_SIZE, type AutoFillDecision } from './session-state.ts';
import { SessionWriter } from './session-writer.ts';
import type { Settings } from './settings.ts';
import { SettingsSync } from './settings-sync.ts';
import { StreamLink } from './stream-link.ts';

export interface BackgroundOptions {
  /** Tests pass a fake socket; the worker uses the global WebSocket. */
  createSocket?: CreateSocket;
  fetch?: typeof fetch;
  now?: () => number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
}

export interface Background {
  /** Loads what the last worker left in storage.session, then connects (or waits to be paired). */
  start(): Promise<void>;
  stop(): void;
  /** Resolves once every state change so far reached storage.session and the badge. */
  flushed(): Promise<void>;
  reconnectNow(): void;
  /** Locks the authenticator if its idle time has passed (the worker's alarm asks). */
  lockIdleAuthenticator(): Promise<boolean>;
  readonly fill: FillPolicy;
  /** Each tab's auto-fill outcome, for the popup (the autofill script reports a watch that ended later). */
  readonly autoFillOutcomes: AutoFillOutcomes;
  readonly codeState: CodeState;
  readonly status: ConnectionStatus;
  readonly settings: Settings | null;
}

/**
 * The background's parts, wired: settings sync feeds the stream link; the link's events go into the code
 * keeper (seeding over HTTP on a first connection) and arriving codes to the fill policy; codes and status
 * reach storage.session (the popup reads it) through one coalescing writer, which repaints the badge after
 * each write from the state of that moment (a burst of codes repaints it once, not per code).
 */
export function createBackground(options: BackgroundOptions = {}): Background {
  const now = options.now ?? Date.now;
  const badge = new Badge();
  let stopped = false;
  const writer = new SessionWriter(() => badge.show(codes.liveCount(), link.status));
  const codes = new CodeKeeper({ now, onChange: (state) => writer.save({ codes: state }) });
  const link = new StreamLink({
    ...options,
    cursor: () => codes.state.cursor,
    onStatus: (status, relayUrl) => writer.save({ connection: { status, relayUrl, since: now() } }),
    onEvent: (event, source) => {
      const hadCursor = codes.state.cursor !== null;
      const arrived = codes.receive(event, source.cursor);
      // First connection to this relay: the stream only sends what happens from now on, so fetch what is live.
      if (event.type === 'hello' && !hadCursor)
        void seedCodes(codes, source.settings, { stillCurrent: source.current, ...fetchOption(options.fetch) });
      if (arrived) void fill.autoFill(arrived);
    },
  });
  const settings = new SettingsSync(async (current, first) => {
    if (first) await codes.restore(current.relayUrl);
    if (stopped) return;
    codes.forRelay(current.relayUrl);
    link.use(current, first);
  });
  let decisions: AutoFillDecision[] = [];
  // Authenticator codes are on the local wall clock, not the relay's (the seller's sites judge them by real time).
  const authenticator = authenticatorSource(new Vault({ now }), now);
  const autoFillOutcomes = new AutoFillOutcomes({
    now,
    save: (outcomes) => writer.save({ autoFillOutcomes: outcomes }),
  });
  const fill = new FillPolicy({
    authenticator,
    codes,
    settings: () => settings.current,
    now,
    onAutoFill: (decision) => {
      decisions = [...decisions, decision].slice(-AUTO_FILL_LOG_SIZE);
      writer.save({ autoFill: decisions });
    },
    onArmed: (tabId, code, origin, result) => {
      const codeId = isAuthenticatorCode(code) ? `authenticator:${code.entryId}` : code.messageId;
      void autoFillOutcomes.armed(tabId, codeId, origin, result).catch(() => undefined);
    },
  });

  return {
    start: () => settings.start(),
    stop() {
      stopped = true;
      settings.stop();
      link.close();
      codes.stop();
    },
    flushed: () => writer.flushed(),
    reconnectNow: () => link.reconnectNow(),
    lockIdleAuthenticator: () => authenticator.lockIfIdle(),
    fill,
    autoFillOutcomes,
    get codeState() {
      return codes.state;
    },
    get status() {
      return link.status;
    },
    get settings() {
      return settings.current;
    },
  };
}

function fetchOption(fetchFn: typeof fetch | undefined): { fetch?: typeof fetch } {
  return fetchFn ? { fetch: fetchFn } : {};
}
