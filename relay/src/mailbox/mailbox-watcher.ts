import type { Folder, MailboxState } from '@otp-relay/shared';
import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { MessageReceiver } from '../inbox/message-receiver.ts';
import type { RawMessages } from '../inbox/raw-messages.ts';
import { parseEmail, warmUpEmailParser } from '../smtp/parse-email.ts';
import { authenticatedDomains } from './authenticated-domains.ts';
import type { MailboxConfig } from './mailbox-config.ts';

export interface MailboxWatcherDeps {
  receiver: MessageReceiver;
  raw: RawMessages;
  logger: Logger;
  /** Reconnect backoff: full jitter between 0 and min(cap, base·2^attempt). */
  backoff?: { baseMs: number; capMs: number };
  /** For a test server with a self-signed certificate only. */
  tls?: { rejectUnauthorized: boolean };
}

const DEFAULT_BACKOFF = { baseMs: 1000, capMs: 60_000 };

/**
 * Watches one real mailbox, read-only: EXAMINE (the server itself refuses any change, so nothing is marked
 * read, moved or deleted; fetches use BODY.PEEK), IDLE for new mail (imapflow's auto-IDLE), and only mail
 * that arrives after the watch started (the UIDNEXT at the first open), including mail that came while it
 * was reconnecting. Each message goes through the receiver with the domains its receiving server vouches for
 * (authenticated-domains.ts), so a forged From binds no site. Reconnects with backoff; `status()` says how it is.
 */
export class MailboxWatcher {
  readonly config: MailboxConfig;
  readonly #d: MailboxWatcherDeps;
  readonly #backoff: { baseMs: number; capMs: number };
  #state: MailboxState = 'connecting';
  #since = Date.now();
  #stopped = false;
  #client: ImapFlow | undefined;
  #wake: (() => void) | undefined;
  #running: Promise<void> | undefined;
  /** UIDVALIDITY and the highest UID already seen (or there before the watch started). */
  #uidValidity: bigint | undefined;
  #lastUid = 0;
  #fetching: Promise<void> = Promise.resolve();

  constructor(config: MailboxConfig, deps: MailboxWatcherDeps) {
    this.config = config;
    this.#d = deps;
    this.#backoff = deps.backoff ?? DEFAULT_BACKOFF;
  }

  status(): { id: string; state: MailboxState; since: string } {
    return { id: this.config.id, state: this.#state, since: new Date(this.#since).toISOString() };
  }

  /** Resolves once the first attempt settled (watched, or failed and retrying), so a caller can report it. */
  start(): Promise<void> {
    warmUpEmailParser();
    let firstAttempt: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => {
      firstAttempt = resolve;
    });
    this.#running = this.#run(firstAttempt);
    return settled;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    const client = this.#client;
    if (client) await client.logout().catch(() => client.close());
    await this.#running;
    this.#set('stopped');
  }

  #set(state: MailboxState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#since = Date.now();
    this.#d.logger.info({ mailbox: this.config.id, state }, 'mailbox');
  }

  async #run(firstAttempt: () => void): Promise<void> {
    let attempt = 0;
    while (!this.#stopped) {
      const ok = await this.#session(firstAttempt);
      firstAttempt();
      if (this.#stopped) break;
      attempt = ok ? 0 : attempt + 1;
      const ceiling = Math.min(this.#backoff.capMs, this.#backoff.baseMs * 2 ** Math.min(attempt, 20));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.random() * ceiling);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  /** One connection, until it closes; true when it got as far as watching. */
  async #session(watching: () => void): Promise<boolean> {
    const { config } = this;
    const client = new ImapFlow({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: { user: config.user, ...config.auth },
      logger: false,
      // IDLE at once after each command (imapflow waits 15 s by default): new mail must show within a second.
      autoIdleDelay: 100,
      ...(this.#d.tls ? { tls: this.#d.tls } : {}),
      // The relay's own log says what a person needs; imapflow's would show the protocol.
      clientInfo: { name: 'otp-relay' },
    });
    this.#client = client;
    client.on('error', (error: Error) =>
      this.#d.logger.warn({ mailbox: config.id, err: error.message }, 'mailbox error'),
    );
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    try {
      await client.connect();
      const box = await client.mailboxOpen(config.folder, { readOnly: true });
      if (this.#uidValidity !== box.uidValidity) {
        // First open (or the server renumbered the folder): what is there now is from before the watch.
        this.#uidValidity = box.uidValidity;
        this.#lastUid = Math.max(0, box.uidNext - 1);
      } else {
        this.#fetchNew(client);
      }
      client.on('exists', () => this.#fetchNew(client));
      this.#set('watched');
      watching();
      await closed;
      if (!this.#stopped) this.#set('reconnecting');
      return true;
    } catch (error) {
      const failure = error as { authenticationFailed?: boolean; message?: string };
      this.#set(failure.authenticationFailed ? 'auth failed' : 'reconnecting');
      this.#d.logger.warn({ mailbox: config.id, err: failure.message }, 'mailbox connection failed');
      client.close();
      return false;
    } finally {
      this.#client = undefined;
    }
  }

  /** Fetches every message past the last UID seen, one batch at a time (IDLE may announce several). */
  #fetchNew(client: ImapFlow): void {
    this.#fetching = this.#fetching.then(async () => {
      try {
        const from = this.#lastUid + 1;
        // `N:*` with N past the highest UID still returns the highest message (RFC 3501): filter by UID.
        for await (const message of client.fetch(`${from}:*`, { uid: true, source: true }, { uid: true })) {
          if (message.uid <= this.#lastUid || message.source === undefined) continue;
          this.#lastUid = message.uid;
          await this.#receive(message.source);
        }
      } catch (error) {
        this.#d.logger.warn({ mailbox: this.config.id, err: (error as Error).message }, 'mailbox fetch failed');
      }
    });
  }

  async #receive(source: Buffer): Promise<void> {
    const email = await parseEmail(source);
    const folder: Folder = /spam|junk/i.test(this.config.folder) ? 'spam' : 'inbox';
    const { message, duplicate } = this.#d.receiver.receive({
      source: 'imap',
      channel: 'email',
      from: email.from ?? '(no sender)',
      to: this.config.user,
      subject: email.subject,
      text: email.text,
      html: email.html,
      authenticatedDomains: authenticatedDomains(email.headers, this.config.authservId),
      folder,
    });
    if (!duplicate) this.#d.raw.set(message.id, source);
  }
}
