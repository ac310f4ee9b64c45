// The worker thread that parses email for the relay (parse-email.ts): postal-mime, and nothing else.
//
// Why a worker: Node 20's Blob is slow to build from many parts and reads each part back in its own microtask,
// and postal-mime joins every MIME part's body with `new Blob(lines).arrayBuffer()`, one part per line (its
// pass-through, base64 and quoted-printable decoders). That was about 80 % of a message's parse time (bench
// figure 11). Here, in a thread that runs postal-mime only, Blob is a plain in-memory join of its parts, which
// is all postal-mime asks of it; the relay's own Blob stays Node's. Plain JavaScript: a worker loads it as is,
// under tsx, vitest or the published bin alike.
import { parentPort } from 'node:worker_threads';
import PostalMime from 'postal-mime';

const encoder = new TextEncoder();

/** The part of the Blob API postal-mime uses: new Blob(parts, options), size, arrayBuffer(). */
class JoinedBlob {
  #bytes;
  constructor(parts = [], options = {}) {
    const chunks = parts.map((part) => {
      if (typeof part === 'string') return encoder.encode(part);
      if (part instanceof ArrayBuffer) return new Uint8Array(part);
      if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
      if (part instanceof JoinedBlob) return part.#bytes;
      return encoder.encode(String(part));
    });
    this.#bytes = Buffer.concat(chunks);
    this.type = options.type ?? '';
  }
  get size() {
    return this.#bytes.byteLength;
  }
  async arrayBuffer() {
    return this.#bytes.buffer.slice(this.#bytes.byteOffset, this.#bytes.byteOffset + this.#bytes.byteLength);
  }
  async text() {
    return this.#bytes.toString('utf8');
  }
  get [Symbol.toStringTag]() {
    return 'Blob';
  }
}
globalThis.Blob = JoinedBlob;

parentPort?.on('message', async ({ id, raw, options }) => {
  try {
    const email = await PostalMime.parse(raw, options);
    parentPort?.postMessage({
      id,
      ok: true,
      email: {
        from: email.from?.address ?? email.from?.group?.[0]?.address,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: email.headers.map(({ key, value }) => ({ key, value })),
      },
    });
  } catch {
    parentPort?.postMessage({ id, ok: false });
  }
});
