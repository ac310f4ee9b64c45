import { Worker } from 'node:worker_threads';
import { INBOUND_MAX_BODY_BYTES } from '@otp-relay/shared';
import PostalMime from 'postal-mime';

/** What the relay keeps of an email: who sent it, its subject and words, and its headers (for Authentication-Results). */
export interface ParsedEmail {
  /** The From header's address, when it names one. */
  from: string | undefined;
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  /** Every header, top first, names in lower case (what postal-mime gives). */
  headers: readonly { key: string; value: string }[];
  /** False when the MIME structure could not be read and the words are the raw body's, decoded as best as can be. */
  parsed: boolean;
}

/**
 * Text and HTML kept per message: as much as POST /inbound takes. A code sits in the first lines of a real
 * email; a 10 MiB newsletter's tail is not worth holding for every recipient (the raw bytes stay available).
 */
export const MAX_KEPT_CHARS = INBOUND_MAX_BODY_BYTES;

/** postal-mime's options: 256 KiB of headers is more than any real message has (its 2 MiB default is a lot). */
const POSTAL_MIME_OPTIONS = {
  maxHeadersSize: 256 * 1024,
  maxNestingDepth: 50,
  attachmentEncoding: 'arraybuffer',
} as const;

/** What postal-mime found, as the worker hands it back. */
interface PostalFields {
  from: string | undefined;
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  headers: { key: string; value: string }[];
}

/**
 * Parses a raw RFC 5322 message with postal-mime, in a worker thread (parse-worker.mjs says why: about five
 * times less CPU per message than postal-mime on this thread, and the SMTP server's event loop stays free).
 * Never throws: a message it cannot read (broken MIME past its limits, 8-bit garbage) is kept as best parsed:
 * subject from the raw headers, the body as text, so nothing a sender sent is lost and the tester sees what
 * arrived. Without a worker (it failed to start or died) it parses here, as before.
 */
export async function parseEmail(raw: Uint8Array): Promise<ParsedEmail> {
  const fields = await parser.parse(raw).catch(() => null);
  if (fields === null) return bestEffort(raw);
  return {
    from: fields.from || undefined,
    subject: clip(fields.subject?.trim()),
    text: clip(fields.text),
    html: clip(fields.html),
    headers: fields.headers,
    parsed: true,
  };
}

/**
 * Starts the parse worker now rather than on the first message: a listener calls it when it starts, so the
 * first email is not held up by the thread's start and postal-mime's load (a watched mailbox promises a message
 * within a second).
 */
export function warmUpEmailParser(): void {
  parser.warmUp();
}

async function parseHere(raw: Uint8Array): Promise<PostalFields> {
  const email = await PostalMime.parse(raw, POSTAL_MIME_OPTIONS);
  return {
    from: email.from?.address ?? email.from?.group?.[0]?.address,
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers: email.headers.map(({ key, value }) => ({ key, value })),
  };
}

/**
 * One parse worker for the process, started on the first message (nothing runs at import) and unref'd: an idle
 * worker never keeps a process alive. Requests are answered in order by id; if the worker cannot start or
 * exits, what it held and everything after is parsed on this thread.
 */
class ParseWorker {
  #worker: Worker | undefined;
  #broken = false;
  #next = 0;
  readonly #pending = new Map<number, { raw: Uint8Array; resolve: (f: PostalFields) => void; reject: () => void }>();

  parse(raw: Uint8Array): Promise<PostalFields> {
    const worker = this.#broken ? undefined : this.#start();
    if (worker === undefined) return parseHere(raw);
    const id = ++this.#next;
    return new Promise<PostalFields>((resolve, reject) => {
      this.#pending.set(id, { raw, resolve, reject });
      if (this.#pending.size === 1) worker.ref();
      worker.postMessage({ id, raw, options: POSTAL_MIME_OPTIONS });
    });
  }

  warmUp(): void {
    if (!this.#broken) this.#start();
  }

  #start(): Worker | undefined {
    if (this.#worker) return this.#worker;
    try {
      const worker = new Worker(new URL('./parse-worker.mjs', import.meta.url), { execArgv: [] });
      worker.unref();
      worker.on('message', (answer: { id: number; ok: boolean; email?: PostalFields }) => {
        const waiter = this.#pending.get(answer.id);
        if (!waiter) return;
        this.#pending.delete(answer.id);
        if (this.#pending.size === 0) worker.unref();
        if (answer.ok && answer.email) waiter.resolve(answer.email);
        else waiter.reject();
      });
      const fail = () => {
        if (this.#worker !== worker) return;
        this.#broken = true;
        this.#worker = undefined;
        for (const [id, waiter] of this.#pending) {
          this.#pending.delete(id);
          parseHere(waiter.raw).then(waiter.resolve, waiter.reject);
        }
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      this.#worker = worker;
      return worker;
    } catch {
      this.#broken = true;
      return undefined;
    }
  }
}

const parser = new ParseWorker();

function bestEffort(raw: Uint8Array): ParsedEmail {
  const whole = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  const split = /\r?\n\r?\n/.exec(whole);
  const head = split ? whole.slice(0, split.index) : '';
  const body = split ? whole.slice(split.index + split[0].length) : whole;
  const headers = head
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .flatMap((line) => {
      const colon = line.indexOf(':');
      return colon > 0 ? [{ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() }] : [];
    });
  const header = (name: string) => headers.find((h) => h.key === name)?.value;
  const fromHeader = header('from');
  return {
    from: fromHeader ? (/<([^<>]+)>/.exec(fromHeader)?.[1] ?? fromHeader).trim() : undefined,
    subject: clip(header('subject')),
    text: clip(body),
    html: undefined,
    headers,
    parsed: false,
  };
}

function clip(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.length > MAX_KEPT_CHARS ? value.slice(0, MAX_KEPT_CHARS) : value;
}
