import { STREAM_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '@otp-relay/shared';
import WebSocket from 'ws';

const MESSAGE_PREFIX = Buffer.from('{"type":"message"');

interface Sample {
  needle: Buffer;
  startedAt: number;
  latencies: Float64Array;
  received: number;
  done: () => void;
}

/**
 * N raw `ws` stream clients (token as subprotocol, as the extension does) that time one message at a time.
 * Frames are matched on bytes, not parsed, so the 1,000-client case measures the relay more than the client.
 */
export class StreamClients {
  readonly #sockets: WebSocket[] = [];
  #sample: Sample | null = null;

  static async connect(url: string, token: string, count: number, resume: boolean): Promise<StreamClients> {
    const clients = new StreamClients();
    const wsUrl = `${url.replace(/^http/, 'ws')}/api/v1/stream`;
    for (let first = 0; first < count; first += 100) {
      const batch = Array.from({ length: Math.min(100, count - first) }, (_, offset) =>
        clients.#open(wsUrl, token, first + offset, resume),
      );
      await Promise.all(batch);
    }
    return clients;
  }

  #open(wsUrl: string, token: string, index: number, resume: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, [STREAM_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`], {
        perMessageDeflate: false,
      });
      this.#sockets.push(ws);
      let ready = false;
      ws.on('error', reject);
      ws.on('message', (data: Buffer) => {
        if (!ready) {
          // The relay holds live events until the client resumes (or 250 ms pass): resume, then wait for
          // the snapshot that answers a resume without a cursor.
          const text = data.toString();
          if (text.startsWith('{"type":"hello"')) {
            if (!resume) {
              ready = true;
              resolve();
            } else ws.send(JSON.stringify({ type: 'resume' }));
          } else if (text.startsWith('{"type":"snapshot"')) {
            ready = true;
            resolve();
          }
          return;
        }
        this.#receive(index, data);
      });
    });
  }

  #receive(index: number, data: Buffer): void {
    const sample = this.#sample;
    if (sample === null || !Number.isNaN(sample.latencies[index] as number)) return;
    if (data.compare(MESSAGE_PREFIX, 0, MESSAGE_PREFIX.length, 0, MESSAGE_PREFIX.length) !== 0) return;
    if (!data.includes(sample.needle)) return;
    sample.latencies[index] = performance.now() - sample.startedAt;
    sample.received += 1;
    if (sample.received === this.#sockets.length) sample.done();
  }

  /**
   * Runs `trigger` and resolves with each client's latency (ms from just before `trigger` to the matching
   * `message` frame, NaN if it never came within `timeoutMs`).
   */
  async time(to: string, trigger: () => Promise<unknown>, timeoutMs = 10_000): Promise<Float64Array> {
    const latencies = new Float64Array(this.#sockets.length).fill(Number.NaN);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const all = new Promise<void>((resolve) => {
      this.#sample = {
        needle: Buffer.from(`"to":${JSON.stringify(to)}`),
        startedAt: performance.now(),
        latencies,
        received: 0,
        done: resolve,
      };
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.all([trigger(), all]);
    clearTimeout(timer);
    this.#sample = null;
    return latencies;
  }

  close(): void {
    for (const ws of this.#sockets) ws.terminate();
  }
}
