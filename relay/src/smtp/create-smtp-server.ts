import type { AddressInfo } from 'node:net';
import type { Folder } from '@otp-relay/shared';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Chaos } from '../chaos.ts';
import type { MessageReceiver } from '../inbox/message-receiver.ts';
import type { RawMessages } from '../inbox/raw-messages.ts';
import type { TlsPems } from '../tls/self-signed-cert.ts';
import { parseEmail, warmUpEmailParser } from './parse-email.ts';
import { smtpError } from './smtp-error.ts';

/** 10 MiB: past it DATA is answered 552 (and SIZE= in MAIL FROM is refused up front). */
export const SMTP_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** Recipients per message; RFC 5321 §4.5.3.1.8 asks servers to take at least 100. Past it: 452. */
export const SMTP_MAX_RECIPIENTS = 100;
/** The CLI's SMTP port (the library default is none: a relay made in a test has no SMTP server unless asked). */
export const DEFAULT_SMTP_PORT = 2525;
/** Where the CLI keeps the STARTTLS certificate (tls/kept-cert.ts), in the config directory. */
export const SMTP_CERT_FILE = 'smtp-tls.json';

export interface SmtpOptions {
  /** Default: the relay's host (127.0.0.1). */
  host?: string;
  /** 0 = any free port. */
  port: number;
  /**
   * AUTH: off when absent; `'any'` offers it and accepts every user name and password; `{user, pass}` requires
   * it and accepts only those (535 otherwise, 530 for a message sent without).
   */
  auth?: 'any' | { user: string; pass: string } | undefined;
  /** Offer STARTTLS with this certificate (a self-signed one: tls/self-signed-cert.ts). */
  tls?: TlsPems | undefined;
  maxMessageBytes?: number;
  maxRecipients?: number;
}

export interface SmtpServerDeps {
  receiver: MessageReceiver;
  chaos: Chaos;
  raw: RawMessages;
  logger: Logger;
}

export interface SmtpListener {
  host: string;
  port: number;
  /** Stops accepting; lets sessions finish for a moment, then ends them. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The SMTP server for apps under test (Mailpit-like, focused on codes): every recipient of a message gets it in
 * its inbox, through the same receiver as every other way in; the raw bytes are kept for /messages/:id/raw.
 * Chaos rules decide per stage (chaos.ts planSmtp). Nothing a client sends can throw out of here: a message that
 * does not parse is kept as best parsed, and one failing session never touches another.
 */
export async function startSmtpServer(options: SmtpOptions, deps: SmtpServerDeps): Promise<SmtpListener> {
  const host = options.host ?? '127.0.0.1';
  const maxBytes = options.maxMessageBytes ?? SMTP_MAX_MESSAGE_BYTES;
  const maxRecipients = options.maxRecipients ?? SMTP_MAX_RECIPIENTS;
  const { auth, tls } = options;
  const { chaos, logger } = deps;
  const envelopeFrom = (session: SMTPServerSession) => (session.envelope.mailFrom || { address: '' }).address;

  warmUpEmailParser();
  const server = new SMTPServer({
    name: 'otp-relay',
    banner: 'otp-relay SMTP for apps under test',
    logger: false,
    disableReverseLookup: true,
    size: maxBytes,
    ...(tls === undefined
      ? { hideSTARTTLS: true, disabledCommands: auth === undefined ? ['AUTH', 'STARTTLS'] : ['STARTTLS'] }
      : { key: tls.key, cert: tls.cert, ...(auth === undefined ? { disabledCommands: ['AUTH'] } : {}) }),
    // The server listens on this machine's loopback by default: AUTH over plain text is what a test app does.
    allowInsecureAuth: true,
    authOptional: auth === undefined || auth === 'any',
    maxClients: 1000,
    socketTimeout: 60_000,
    closeTimeout: 2000,
    onAuth(credentials, _session, callback) {
      if (auth === 'any') return callback(null, { user: credentials.username ?? 'anyone' });
      if (auth !== undefined && credentials.username === auth.user && credentials.password === auth.pass) {
        return callback(null, { user: auth.user });
      }
      callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onMailFrom(address, _session, callback) {
      const plan = chaos.planSmtp({ stage: 'mail-from', senders: [address.address] });
      if (plan.action === 'reject') return callback(smtpError(plan.smtpCode, 'Sender rejected (otp-relay chaos rule)'));
      callback();
    },
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= maxRecipients) {
        return callback(smtpError(452, `4.5.3 Too many recipients: at most ${maxRecipients} per message`));
      }
      const plan = chaos.planSmtp({ stage: 'rcpt-to', senders: [envelopeFrom(session)], to: address.address });
      if (plan.action === 'reject')
        return callback(smtpError(plan.smtpCode, 'Recipient rejected (otp-relay chaos rule)'));
      callback();
    },
    onData(stream, session, callback) {
      collect(stream, maxBytes).then(
        (raw) => {
          if (raw === null) {
            return callback(smtpError(552, `5.3.4 Message too big: at most ${maxBytes} bytes`));
          }
          deliver(raw, session).then(
            (answer) => (typeof answer === 'string' ? callback(null, answer) : callback(answer)),
            (error: unknown) => {
              logger.error({ err: error }, 'smtp message not stored');
              callback(smtpError(451, '4.3.0 Not stored, try again'));
            },
          );
        },
        () => callback(smtpError(451, '4.3.0 Reading the message failed')),
      );
    },
  });

  /** Delivers one message to each recipient per chaos plan; an answer line for 250, or the error to answer. */
  async function deliver(raw: Buffer, session: SMTPServerSession): Promise<string | Error> {
    const email = await parseEmail(raw);
    const sender = envelopeFrom(session);
    const senders = email.from === undefined ? [sender] : [sender, email.from];
    const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
    const plans = recipients.map((to) => chaos.planSmtp({ stage: 'data', senders, to, subject: email.subject }));
    const rejection = plans.find((plan) => plan.action === 'reject');
    if (rejection?.action === 'reject') return smtpError(rejection.smtpCode, 'Message rejected (otp-relay chaos rule)');
    const delayMs = Math.max(0, ...plans.map((plan) => (plan.action === 'deliver' ? plan.delayMs : 0)));
    if (delayMs > 0) await sleep(delayMs);
    let stored = 0;
    recipients.forEach((to, i) => {
      const plan = plans[i];
      if (plan?.action !== 'deliver') return;
      const folder: Folder = plan.folder;
      const { message, duplicate } = deps.receiver.receive({
        source: 'smtp',
        channel: 'email',
        from: email.from ?? (sender || '(no sender)'),
        to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        folder,
      });
      if (!duplicate) deps.raw.set(message.id, raw);
      stored += 1;
    });
    logger.debug({ recipients: recipients.length, stored, parsed: email.parsed, bytes: raw.length }, 'smtp message');
    return `2.0.0 Ok: delivered to ${stored} of ${recipients.length} inboxes`;
  }

  // smtp-server re-emits the listen error as its own: only after listening is an error a session's.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.warn({ err: error }, 'smtp session error'));
  const { port } = server.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return closing;
    },
  };
}

/** The message's bytes, or null when it is larger than `maxBytes` (read to the end either way: the client waits). */
function collect(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks, size)));
  });
}
