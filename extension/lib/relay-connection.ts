import { type CreateSocket, RelayClient, RelayStream, type StreamEvent } from '@otp-relay/shared';
import type { Browser } from 'wxt/browser';
import { armLoadedTab } from './arm-loaded-tab.ts';
import { type ArmOptions, armMatchingTabs } from './arm-matching-tabs.ts';
import { Badge } from './badge.ts';
import {
  applyEvent,
  type CodeState,
  emptyCodeState,
  expireDue,
  isLive,
  liveCodes,
  msUntilNextChange,
  newestCodeFor,
  type StoredCode,
  toStoredCode,
} from './code-store.ts';
import type { ConnectionInfo, ConnectionStatus } from './connection-status.ts';
import { type FillOutcome, fillActiveTab, findActiveTab } from './fill-active-tab.ts';
import { diagnoseRelay } from './relay-diagnosis.ts';
import { loadCodeState } from './session-state.ts';
import { SessionWriter } from './session-writer.ts';
import { loadSettings, type Settings, watchSettings } from './settings.ts';

export interface RelayConnectionOptions {
  /** Tests pass a fake socket; the worker uses the global WebSocket. */
  createSocket?: CreateSocket;
  fetch?: typeof fetch;
  now?: () => number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
}

/** SPEC: Chrome ≥ 116 keeps a service worker alive while WebSocket messages flow at least every 30 s. */
const KEEPALIVE_MS = 20_000;
/** Failed upgrades in a row, with HTTP working, before we call the stream refused rather than flaky. */
const REFUSED_AFTER_FAILURES = 3;

/**
 * The background's one long-lived piece: holds the relay stream, folds its events into the code store (kept in
 * storage.session with the resume cursor, so a restarted worker resumes exactly where it was), keeps the badge
 * and connection state current, and arms auto-fill for arriving codes.
 */
export class RelayConnection {
  readonly #options: RelayConnectionOptions;
  readonly #now: () => number;
  #settings: Settings | null = null;
  #state: CodeState = emptyCodeState('');
  #status: ConnectionStatus = 'connecting';
  #stream: RelayStream | null = null;
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  #diagnosing = false;
  #unwatch: (() => void) | null = null;
  readonly #badge = new Badge();
  /** Badge after each write, from the state of that moment: a burst of codes repaints it once, not per code. */
  readonly #writer = new SessionWriter(() =>
    this.#badge.show(liveCodes(this.#state, this.#now()).length, this.#status),
  );
  #syncs: Promise<void> = Promise.resolve();
  #failedInARow = 0;
  /** Message ids of codes already filled somewhere: a page that loads later is not armed with them again. */
  readonly #filled = new Set<string>();
  #loaded = false;
  #stopped = false;

  constructor(options: RelayConnectionOptions = {}) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get codeState(): CodeState {
    return this.#state;
  }
  get status(): ConnectionStatus {
    return this.#status;
  }
  get settings(): Settings | null {
    return this.#settings;
  }

  /** Loads what the last worker left in storage.session, then connects (or waits to be paired). */
  start(): Promise<void> {
    // Watch before the first read: a test harness may write the token while we are still reading storage.
    this.#unwatch = watchSettings(() => void this.#sync(false));
    return this.#sync(true);
  }

  stop(): void {
    this.#stopped = true;
    this.#unwatch?.();
    this.#stream?.close();
    this.#stream = null;
    clearTimeout(this.#expiryTimer);
  }

  /** Resolves once every state change so far reached storage.session and the badge (tests, and the popup's reads). */
  flushed(): Promise<void> {
    return this.#writer.flushed();
  }

  reconnectNow(): void {
    if (this.#stream) this.#stream.reconnectNow();
    else if (this.#settings) this.#applySettings(this.#settings, true);
  }

  async fillCode(messageId: string): Promise<FillOutcome> {
    const code = this.#state.codes.find((c) => c.messageId === messageId);
    const live = code !== undefined && isLive(code, this.#now() + this.#state.skewMs);
    return this.#filledIf(live ? code : undefined, await fillActiveTab(live ? code : undefined, this.#submit()));
  }

  /** The keyboard shortcut: the newest live code whose origin is exactly the active tab's. */
  async fillNewest(): Promise<FillOutcome> {
    const tab = await findActiveTab();
    if (!tab?.origin) return { ok: false, reason: 'no-tab', message: 'This tab is not a web page.' };
    const code = newestCodeFor(this.#state, tab.origin, this.#now());
    if (!code) return { ok: false, reason: 'no-code', message: `No live code for ${tab.origin}.` };
    return this.#filledIf(code, await fillActiveTab(code, this.#submit()));
  }

  /**
   * tabs.onUpdated: a tab on an auto-fill origin finished loading while that origin has a live code nobody
   * filled yet (the code came first, the page second): inject the autofill script there and arm it.
   */
  async armLoadedTab(tabId: number, change: Browser.tabs.OnUpdatedInfo, tab: Browser.tabs.Tab): Promise<boolean> {
    const options = this.#armOptions();
    if (!options) return false;
    const codeFor = (origin: string) => {
      const code = newestCodeFor(this.#state, origin, this.#now());
      return code && !this.#filled.has(code.messageId) ? code : undefined;
    };
    try {
      return await armLoadedTab(tabId, change, tab, codeFor, options);
    } catch {
      return false; // the tab closed mid-way
    }
  }

  #filledIf(code: StoredCode | undefined, outcome: FillOutcome): FillOutcome {
    if (code && outcome.ok) this.#filled.add(code.messageId);
    return outcome;
  }

  #submit(): boolean {
    return this.#settings?.submitAfterFill ?? false;
  }

  /** The settings of now, not of when the stream opened: auto-fill sites change without a reconnect. */
  #armOptions(): ArmOptions | null {
    const settings = this.#settings;
    if (!settings) return null;
    return {
      autoFillOrigins: settings.autoFillOrigins,
      submit: settings.submitAfterFill,
      skewMs: this.#state.skewMs,
      onFilled: (code) => this.#filled.add(code.messageId),
    };
  }

  /** Applies the settings as stored now; one at a time, so the last write in storage always wins. */
  #sync(force: boolean): Promise<void> {
    this.#syncs = this.#syncs
      .then(async () => {
        const settings = await loadSettings();
        if (!this.#loaded) {
          const saved = await loadCodeState();
          this.#loaded = true;
          // Through #setCodeState: codes that expired while no worker ran are greyed, then dropped on time.
          this.#setCodeState(saved && saved.relayUrl === settings.relayUrl ? saved : emptyCodeState(settings.relayUrl));
        }
        if (!this.#stopped) this.#applySettings(settings, force);
      })
      .catch(() => undefined);
    return this.#syncs;
  }

  #applySettings(settings: Settings, force = false): void {
    const previous = this.#settings;
    this.#settings = settings;
    const relayChanged = previous?.relayUrl !== settings.relayUrl;
    if (relayChanged && this.#state.relayUrl !== settings.relayUrl)
      this.#setCodeState(emptyCodeState(settings.relayUrl));
    if (!force && !relayChanged && previous?.token === settings.token) return;
    this.#stream?.close();
    this.#stream = null;
    if (!settings.token) {
      this.#setStatus('not-paired');
      return;
    }
    this.#setStatus('connecting');
    this.#connect(settings);
  }

  #connect(settings: Settings): void {
    const create: CreateSocket = this.#options.createSocket ?? ((url, protocols) => new WebSocket(url, protocols));
    const stream = new RelayStream({
      url: settings.relayUrl,
      token: settings.token,
      cursor: this.#state.cursor,
      keepaliveMs: KEEPALIVE_MS,
      backoffBaseMs: this.#options.backoffBaseMs ?? 500,
      backoffCapMs: this.#options.backoffCapMs ?? 30_000,
      // Wrapped to see each attempt end: a browser reports every refused upgrade alike, so we diagnose.
      createSocket: (url, protocols) => {
        const socket = create(url, protocols);
        let opened = false;
        socket.addEventListener('message', () => {
          opened = true;
        });
        socket.addEventListener('close', () => {
          if (this.#stream !== stream) return;
          if (opened) {
            this.#failedInARow = 0;
            return;
          }
          this.#failedInARow += 1;
          void this.#diagnose(settings, stream);
        });
        return socket;
      },
    });
    this.#stream = stream;
    stream.onState((state) => {
      if (this.#stream !== stream) return;
      if (state === 'open') {
        this.#setStatus('connected');
      } else if (state === 'reconnecting' && this.#status === 'connected') {
        this.#setStatus('reconnecting');
      }
    });
    stream.onEvent((event) => {
      if (this.#stream === stream) this.#receive(event, stream, settings);
    });
  }

  #receive(event: StreamEvent, stream: RelayStream, settings: Settings): void {
    const hadCursor = this.#state.cursor !== null;
    const { state, arrived } = applyEvent(this.#state, event, this.#now());
    this.#setCodeState({ ...state, cursor: stream.cursor });
    // First connection to this relay: the stream only sends what happens from now on, so fetch what is live.
    if (event.type === 'hello' && !hadCursor) void this.#seed(settings, stream);
    if (arrived) void this.#autoFill(arrived);
  }

  async #seed(settings: Settings, stream: RelayStream): Promise<void> {
    try {
      const client = new RelayClient({ url: settings.relayUrl, token: settings.token, ...this.#fetchOption() });
      const messages = await client.listMessages();
      if (this.#stream !== stream) return;
      const known = new Set(this.#state.codes.map((c) => c.verificationId));
      const seeded = messages.filter((m) => !known.has(m.verificationId) && !known.has(m.id)).map(toStoredCode);
      const byVerification = new Map<string, (typeof seeded)[number]>();
      for (const code of seeded) {
        const current = byVerification.get(code.verificationId);
        if (!current || code.createdAt > current.createdAt) byVerification.set(code.verificationId, code);
      }
      const codes = [...this.#state.codes, ...byVerification.values()].sort((a, b) => b.createdAt - a.createdAt);
      this.#setCodeState({ ...this.#state, codes });
    } catch {
      // The stream still delivers everything new; seeding is a courtesy.
    }
  }

  async #autoFill(code: StoredCode): Promise<void> {
    const options = this.#armOptions();
    if (!options) return;
    try {
      await armMatchingTabs(code, options);
    } catch {
      // A tab closing mid-way is not an error worth surfacing.
    }
  }

  async #diagnose(settings: Settings, stream: RelayStream): Promise<void> {
    if (this.#diagnosing) return;
    this.#diagnosing = true;
    try {
      const diagnosis = await diagnoseRelay(settings.relayUrl, settings.token, this.#options.fetch);
      if (this.#stream !== stream || stream.state === 'open') return;
      if (diagnosis === 'token-rejected') {
        // Retrying cannot help until the token changes (watchSettings reconnects then).
        stream.close();
        this.#stream = null;
      }
      // HTTP takes our token yet the upgrade keeps failing: the relay refuses the stream itself (its Origin
      // allow-list lacks this extension id, or a proxy in between drops WebSockets).
      const refused = diagnosis === 'ok' && this.#failedInARow >= REFUSED_AFTER_FAILURES;
      this.#setStatus(refused ? 'refused' : diagnosis === 'ok' ? 'reconnecting' : diagnosis);
    } finally {
      this.#diagnosing = false;
    }
  }

  #fetchOption(): { fetch?: typeof fetch } {
    return this.#options.fetch ? { fetch: this.#options.fetch } : {};
  }

  #setCodeState(state: CodeState): void {
    const now = this.#now();
    this.#state = expireDue(state, now);
    clearTimeout(this.#expiryTimer);
    const wait = msUntilNextChange(this.#state, now);
    if (wait !== null) this.#expiryTimer = setTimeout(() => this.#setCodeState(this.#state), wait + 1);
    // In memory at once (auto-fill and fills read it); storage.session catches up, coalesced, with codes and
    // cursor in one value.
    this.#writer.save({ codes: this.#state });
  }

  #setStatus(status: ConnectionStatus): void {
    this.#status = status;
    const info: ConnectionInfo = { status, relayUrl: this.#settings?.relayUrl ?? '', since: this.#now() };
    this.#writer.save({ connection: info });
  }
}
