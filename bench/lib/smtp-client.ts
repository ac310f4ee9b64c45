import { connect, type Socket } from 'node:net';

/** One SMTP reply: its code and the text of its last line. */
export interface SmtpReply {
  code: number;
  text: string;
}

/**
 * A bare SMTP client for the load generator: one connection, one command at a time (no PIPELINING, as
 * nodemailer sends), nothing parsed but reply codes. Cheap on purpose: on a 2-core box the sending side must
 * cost far less than the servers it measures, and it is the same client for every server in the figure.
 */
export class SmtpClient {
  readonly #socket: Socket;
  #buffer = '';
  #waiting: Array<{ resolve: (reply: SmtpReply) => void; reject: (error: Error) => void }> = [];
  #replies: SmtpReply[] = [];
  #closed: Error | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.#read(chunk));
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => this.#fail(new Error('SMTP connection closed')));
  }

  /** Connects, reads the greeting and says EHLO. */
  static async open(host: string, port: number): Promise<SmtpClient> {
    const socket = connect({ host, port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new SmtpClient(socket);
    await client.#expect(220);
    await client.command('EHLO bench.localhost', 250);
    return client;
  }

  /** Sends one line and waits for its reply; throws unless the code is `expected`. */
  async command(line: string, expected: number): Promise<SmtpReply> {
    this.#socket.write(`${line}\r\n`);
    return this.#expect(expected);
  }

  /**
   * One message from MAIL FROM to the end of DATA. `raw` is CRLF-terminated lines already dot-stuffed.
   * `onDataEnd` is called right after the terminating dot is handed to the socket (latency figures start there).
   */
  async send(from: string, to: readonly string[], raw: string, onDataEnd?: () => void): Promise<SmtpReply> {
    await this.command(`MAIL FROM:<${from}>`, 250);
    for (const rcpt of to) await this.command(`RCPT TO:<${rcpt}>`, 250);
    await this.command('DATA', 354);
    this.#socket.write(`${raw}.\r\n`);
    onDataEnd?.();
    return this.#expect(250);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.command('QUIT', 221).catch(() => undefined);
    this.#socket.destroy();
  }

  async #expect(expected: number): Promise<SmtpReply> {
    const reply = await this.#next();
    if (reply.code !== expected) throw new Error(`SMTP ${reply.code} ${reply.text} (wanted ${expected})`);
    return reply;
  }

  #next(): Promise<SmtpReply> {
    const ready = this.#replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  #read(chunk: string): void {
    this.#buffer += chunk;
    for (let end = this.#buffer.indexOf('\r\n'); end !== -1; end = this.#buffer.indexOf('\r\n')) {
      const line = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      // "250-…" continues a multi-line reply; "250 …" (or a bare "250") ends it.
      if (line.charAt(3) === '-') continue;
      const reply = { code: Number(line.slice(0, 3)), text: line.slice(4) };
      const waiter = this.#waiting.shift();
      if (waiter) waiter.resolve(reply);
      else this.#replies.push(reply);
    }
  }

  #fail(error: Error): void {
    this.#closed ??= error;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
  }
}

/**
 * A verification email as apps send them (multipart/alternative, text and HTML, the code near the top), about
 * 2 KiB, unique per `n` (its code, Message-ID and recipient), so no server can treat two as one.
 */
export function verificationEmail(n: number, from = 'no-reply@shop.example', site = 'shop.example') {
  const code = String(100_000 + ((n * 7919) % 900_000));
  const to = `user${n}@bench.example`;
  const boundary = `b${n.toString(36)}x`;
  const paragraph = `Never share this code with anyone. ${site} staff will never ask for it. If you did not ask for it, you can ignore this email; someone may have typed your address by mistake.`;
  const raw = [
    `From: Shop <${from}>`,
    `To: <${to}>`,
    `Subject: Your ${site} verification code`,
    `Message-ID: <${n}.${Date.now()}@${site}>`,
    'Date: Wed, 02 Dec 2026 04:00:00 +0000',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    'Hello,',
    '',
    `Use this code to confirm your log in on ${site}:`,
    '',
    `    ${code}`,
    '',
    'It expires in 10 minutes.',
    paragraph,
    paragraph,
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    `<html><body><p>Hello,</p><p>Use this code to confirm your log in on ${site}:</p>`,
    `<p style="font-size:24px;letter-spacing:4px"><b>${code}</b></p><p>It expires in 10 minutes.</p>`,
    `<p>${paragraph}</p><p>${paragraph}</p></body></html>`,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { from, to, code, raw };
}
