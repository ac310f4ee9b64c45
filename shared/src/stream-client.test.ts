import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { StreamEvent } from './stream.ts';
import { CLOSE_RELAY_UNPROVEN, RelayStream, type RelayStreamOptions, type WebSocketLike } from './stream-client.ts';
import { tokenProof } from './token-proof.ts';

const EPOCH = 'aaaaaaaaaaaaaaaa';
const NEW_EPOCH = 'bbbbbbbbbbbbbbbb';
const NOW = '2026-03-01T09:00:00.000Z';

/**
 * A scripted stand-in for the relay's stream: proves `token` on the client's nonce as the relay does, records
 * what clients send after their proof and lets the test push frames.
 */
async function fakeRelay(token: string) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'otp-relay.v1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const connections: { ws: WebSocket; protocols: string[]; path: string; frames: unknown[] }[] = [];
  const arrivals: ((c: (typeof connections)[number]) => void)[] = [];
  server.on('connection', (ws, req) => {
    const connection = {
      ws,
      protocols: String(req.headers['sec-websocket-protocol']).split(/,\s*/),
      path: req.url ?? '',
      frames: [] as unknown[],
    };
    const clientNonce = connection.protocols[1]?.replace('otp-relay.nonce.', '') ?? '';
    const relayNonce = 'ab'.repeat(16);
    let proved = false;
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (proved) {
        connection.frames.push(frame);
        return;
      }
      proved = frame.proof === tokenProof(token, 'stream client', relayNonce, clientNonce);
      if (!proved) return ws.close(4401);
      connections.push(connection);
      arrivals.shift()?.(connection);
    });
    ws.send(
      JSON.stringify({
        type: 'challenge',
        nonce: relayNonce,
        proof: tokenProof(token, 'stream relay', clientNonce, relayNonce),
      }),
    );
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    nextConnection: () => new Promise<(typeof connections)[number]>((resolve) => arrivals.push(resolve)),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function frame(type: string, seq: number, data: unknown, epoch = EPOCH): string {
  return JSON.stringify({ type, seq, epoch, now: NOW, data });
}
const clock = (seq: number, epoch = EPOCH) => frame('clock', seq, { now: NOW }, epoch);
const hello = (seq: number, epoch = EPOCH) =>
  frame('hello', seq, { relayVersion: '0.1.0', pingIntervalMs: 30_000 }, epoch);
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

let relay: Awaited<ReturnType<typeof fakeRelay>>;
let stream: RelayStream | undefined;
afterEach(async () => {
  stream?.close();
  await relay?.close();
});

describe('RelayStream', () => {
  it('connects offering a nonce (never the token), proves the token, and resumes exactly once across a forced reconnect', async () => {
    relay = await fakeRelay('tok-123');
    const arrived = relay.nextConnection();
    stream = new RelayStream({
      url: relay.url,
      token: 'tok-123',
      backoffBaseMs: 5,
      createSocket: (url, protocols) => new WebSocket(url, protocols) as never,
    });
    const events: StreamEvent[] = [];
    stream.onEvent((event) => events.push(event));

    const first = await arrived;
    expect(first.path).toBe('/api/v1/stream');
    expect(first.protocols).toEqual(['otp-relay.v1', expect.stringMatching(/^otp-relay\.nonce\.[0-9a-f]{32}$/)]);
    expect(first.protocols.join()).not.toContain('tok-123');
    first.ws.send(hello(0));
    await until(() => first.frames.length === 1);
    expect(first.frames[0]).toEqual({ type: 'resume' });
    first.ws.send(clock(1));
    first.ws.send(clock(2));
    await until(() => stream?.cursor?.seq === 2);

    const second = relay.nextConnection();
    stream.reconnectNow();
    const again = await second;
    again.ws.send(hello(3));
    await until(() => again.frames.length === 1);
    expect(again.frames[0]).toEqual({ type: 'resume', epoch: EPOCH, since: 2 });
    // A replay that overlaps what the client already has: 2 must not be emitted twice.
    for (const seq of [2, 3, 4]) again.ws.send(clock(seq));
    await until(() => stream?.cursor?.seq === 4);

    const clocks = events.filter((event) => event.type === 'clock').map((event) => event.seq);
    expect(clocks).toEqual([1, 2, 3, 4]);
    expect(stream.state).toBe('open');
  });

  it('takes a snapshot from a new epoch (relay restart) and follows the new numbering', async () => {
    relay = await fakeRelay('t');
    const arrived = relay.nextConnection();
    stream = new RelayStream({
      url: relay.url,
      token: 't',
      cursor: { epoch: EPOCH, seq: 40 },
      backoffBaseMs: 5,
      createSocket: (url, protocols) => new WebSocket(url, protocols) as never,
    });
    const events: StreamEvent[] = [];
    stream.onEvent((event) => events.push(event));
    const connection = await arrived;
    connection.ws.send(hello(1, NEW_EPOCH));
    await until(() => connection.frames.length === 1);
    expect(connection.frames[0]).toEqual({ type: 'resume', epoch: EPOCH, since: 40 });
    connection.ws.send(frame('snapshot', 1, { messages: [], verifications: [] }, NEW_EPOCH));
    connection.ws.send(clock(2, NEW_EPOCH));
    await until(() => stream?.cursor?.seq === 2);
    expect(stream.cursor).toEqual({ epoch: NEW_EPOCH, seq: 2 });
    expect(events.map((event) => event.type)).toEqual(['hello', 'snapshot', 'clock']);
  });

  it('keeps retrying when nothing listens on the port (a relay not started yet), without an unhandled error', async () => {
    const closed = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => closed.once('listening', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const sockets: string[] = [];
    stream = new RelayStream({
      url: `http://127.0.0.1:${port}`,
      token: 't',
      backoffBaseMs: 5,
      createSocket: (u, p) => {
        sockets.push(u);
        return new WebSocket(u, p) as never;
      },
    });
    await until(() => sockets.length >= 3);
    expect(stream.state).toBe('reconnecting');
  });

  it('ignores frames that are not valid events', async () => {
    relay = await fakeRelay('t');
    const arrived = relay.nextConnection();
    stream = new RelayStream({ url: relay.url, token: 't', createSocket: (u, p) => new WebSocket(u, p) as never });
    const events: StreamEvent[] = [];
    stream.onEvent((event) => events.push(event));
    const connection = await arrived;
    connection.ws.send(hello(0));
    connection.ws.send('garbage');
    connection.ws.send(JSON.stringify({ type: 'clock', seq: -1 }));
    connection.ws.send(clock(1));
    await until(() => events.length === 2);
    expect(events.map((event) => event.type)).toEqual(['hello', 'clock']);
  });
});

/**
 * A socket the test drives by hand (open frames, drops), so that reconnect delays and keepalive periods can
 * be stepped with fake timers. It proves the token as the relay would on the nonce the client offered.
 */
class ScriptedSocket implements WebSocketLike {
  readyState = 1;
  readonly sent: Record<string, unknown>[] = [];
  closedWith: number | undefined;
  readonly #listeners = new Map<string, ((event: { data: unknown }) => void)[]>();

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}

  get nonce(): string {
    return this.protocols[1]?.replace('otp-relay.nonce.', '') ?? '';
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data));
  }

  close(code?: number): void {
    if (this.readyState === 3) return;
    this.closedWith = code;
    this.drop();
  }

  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  push(data: string): void {
    for (const listener of this.#listeners.get('message') ?? []) listener({ data });
  }

  /** The relay's challenge: its proof of `token` on our nonce. */
  challenge(token: string, relayNonce = 'cd'.repeat(16)): void {
    const proof = tokenProof(token, 'stream relay', this.nonce, relayNonce);
    this.push(JSON.stringify({ type: 'challenge', nonce: relayNonce, proof }));
  }

  /** The network (or the relay) ends the connection. */
  drop(): void {
    this.readyState = 3;
    for (const listener of this.#listeners.get('close') ?? []) listener({ data: undefined });
  }

  frames(type: string): Record<string, unknown>[] {
    return this.sent.filter((sent) => sent.type === type);
  }
}

describe('RelayStream over a scripted socket', () => {
  let sockets: ScriptedSocket[];
  const latest = () => sockets.at(-1) as ScriptedSocket;
  const open = (options: Partial<RelayStreamOptions> = {}) => {
    stream = new RelayStream({
      url: 'http://127.0.0.1:8787',
      token: 'tok-123',
      createSocket: (url, protocols) => {
        const socket = new ScriptedSocket(url, protocols);
        sockets.push(socket);
        return socket;
      },
      ...options,
    });
    return stream;
  };
  /** The relay proves itself and says hello on the latest socket. */
  const greet = (seq = 0) => {
    latest().challenge('tok-123');
    latest().push(hello(seq));
  };

  beforeEach(() => {
    sockets = [];
    vi.useFakeTimers();
    // Full jitter draws random(0, ceiling): at the top of the draw, the delay is the ceiling itself.
    vi.spyOn(Math, 'random').mockReturnValue(1);
  });
  afterEach(() => {
    stream?.close();
    stream = undefined;
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('uses the platform WebSocket when given no createSocket (browsers, the extension)', () => {
    const made: { url: string; protocols: string[] }[] = [];
    vi.stubGlobal(
      'WebSocket',
      class extends ScriptedSocket {
        constructor(url: string, protocols: string[]) {
          super(url, protocols);
          made.push({ url, protocols });
        }
      },
    );
    stream = new RelayStream({ url: 'http://127.0.0.1:8787', token: 'tok-123' });
    expect(made).toEqual([
      {
        url: 'ws://127.0.0.1:8787/api/v1/stream',
        protocols: ['otp-relay.v1', expect.stringMatching(/^otp-relay\.nonce\./)],
      },
    ]);
    vi.unstubAllGlobals();
  });

  it('opens the stream URL of the relay, ws for http and wss for https', () => {
    open({ url: 'https://relay.example:8443/' });
    expect(latest().url).toBe('wss://relay.example:8443/api/v1/stream');
    stream?.close();
    open({ url: 'http://127.0.0.1:8787' });
    expect(latest().url).toBe('ws://127.0.0.1:8787/api/v1/stream');
    stream?.close();
    open({ url: 'ws://httpbin.local:8787' });
    expect(latest().url).toBe('ws://httpbin.local:8787/api/v1/stream');
  });

  it('proves the token back on the relay nonce, and only after the relay proved it', () => {
    open();
    expect(latest().sent).toEqual([]);
    latest().challenge('tok-123', 'ef'.repeat(16));
    expect(latest().sent).toEqual([
      { type: 'prove', proof: tokenProof('tok-123', 'stream client', 'ef'.repeat(16), latest().nonce) },
    ]);
  });

  it.each([
    ['a proof made with another token', (socket: ScriptedSocket) => socket.challenge('not-our-token')],
    [
      'a proof on another nonce',
      (socket: ScriptedSocket) => {
        const relayNonce = 'cd'.repeat(16);
        const proof = tokenProof('tok-123', 'stream relay', 'ab'.repeat(16), relayNonce);
        socket.push(JSON.stringify({ type: 'challenge', nonce: relayNonce, proof }));
      },
    ],
    [
      "the client's own proof reflected back",
      (socket: ScriptedSocket) => {
        const relayNonce = 'cd'.repeat(16);
        const proof = tokenProof('tok-123', 'stream client', socket.nonce, relayNonce);
        socket.push(JSON.stringify({ type: 'challenge', nonce: relayNonce, proof }));
      },
    ],
    ['a hello instead of a challenge', (socket: ScriptedSocket) => socket.push(hello(0))],
    ['a frame that is not JSON', (socket: ScriptedSocket) => socket.push('{not json')],
  ])('closes with 4403 and uses nothing from a relay that answers with %s', (_, answer) => {
    const events: StreamEvent[] = [];
    const states: string[] = [];
    open({ reconnect: false });
    stream?.onEvent((event) => events.push(event));
    stream?.onState((state) => states.push(state));
    const socket = latest();
    answer(socket);
    socket.push(hello(0));
    socket.push(clock(1));
    expect(socket.closedWith).toBe(CLOSE_RELAY_UNPROVEN);
    expect(socket.sent).toEqual([]);
    expect(events).toEqual([]);
    expect(states).toEqual(['closed']);
  });

  it('gives a relay that never proves the token 10 s, then closes with 4403 and tries again', () => {
    open();
    vi.advanceTimersByTime(9_999);
    expect(latest().closedWith).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(sockets[0]?.closedWith).toBe(CLOSE_RELAY_UNPROVEN);
    expect(stream?.state).toBe('reconnecting');
  });

  it('keeps a relay that proved the token past the proof deadline', () => {
    open({ keepaliveMs: 60_000 });
    greet();
    vi.advanceTimersByTime(30_000);
    expect(latest().closedWith).toBeUndefined();
    expect(stream?.state).toBe('open');
  });

  it('backs off exponentially up to the cap while connections fail, and starts over once a resume completes', () => {
    open({ backoffBaseMs: 100, backoffCapMs: 1_000 });
    const told: string[] = [];
    stream?.onEvent((event) => told.push(event.type));
    const waits: number[] = [];
    const waitForNextSocket = () => {
      const before = sockets.length;
      latest().drop();
      let waited = 0;
      while (sockets.length === before && waited < 10_000) {
        vi.advanceTimersByTime(1);
        waited += 1;
      }
      waits.push(waited);
    };
    for (let i = 0; i < 6; i++) waitForNextSocket();
    expect(waits).toEqual([100, 200, 400, 800, 1_000, 1_000]);

    // A hello alone is not a good connection (a relay that cuts us off mid-snapshot), nor are pongs or
    // errors after it: still backing off.
    greet();
    latest().push(frame('pong', 0, {}));
    latest().push(
      frame('error', 0, { type: 'about:blank', title: 'Bad frame', status: 400, code: 'malformed_json', detail: 'x' }),
    );
    waitForNextSocket();
    expect(told).toEqual(['hello', 'pong', 'error']);
    expect(waits.at(-1)).toBe(1_000);
    greet();
    latest().push(frame('resumed', 0, {}));
    waitForNextSocket();
    waitForNextSocket();
    expect(waits.slice(-2)).toEqual([100, 200]);
  });

  it('tells its state: connecting, open on hello, reconnecting after a drop, closed when closed', () => {
    const states: string[] = [];
    open({ backoffBaseMs: 100 });
    stream?.onState((state) => states.push(state));
    expect(stream?.state).toBe('connecting');
    greet();
    latest().drop();
    vi.advanceTimersByTime(100);
    greet();
    stream?.close();
    expect(states).toEqual(['open', 'reconnecting', 'open', 'closed']);
    expect(sockets[1]?.closedWith).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
  });

  it('does not reconnect after close() even when a retry was already scheduled', () => {
    open({ backoffBaseMs: 100 });
    latest().drop();
    stream?.close();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(stream?.state).toBe('closed');
  });

  it('stays closed after a drop when told not to reconnect', () => {
    open({ reconnect: false });
    greet();
    latest().drop();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(stream?.state).toBe('closed');
  });

  it('reconnectNow drops the connection with 4000 and resumes from where it was', () => {
    open({ backoffBaseMs: 100 });
    greet();
    latest().push(clock(1));
    stream?.reconnectNow();
    expect(sockets[0]?.closedWith).toBe(4000);
    vi.advanceTimersByTime(100);
    greet(1);
    expect(latest().frames('resume')).toEqual([{ type: 'resume', epoch: EPOCH, since: 1 }]);
  });

  it('pings every keepalive period, and closes with 4001 once nothing came for two periods', () => {
    open({ keepaliveMs: 1_000, backoffBaseMs: 100 });
    greet();
    const socket = latest();
    vi.advanceTimersByTime(1_000);
    expect(socket.frames('ping')).toHaveLength(1);
    socket.push(frame('pong', 0, {}));
    vi.advanceTimersByTime(2_000);
    expect(socket.frames('ping')).toHaveLength(3);
    expect(socket.closedWith).toBeUndefined();
    vi.advanceTimersByTime(999);
    expect(socket.closedWith).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(socket.closedWith).toBe(4001);
    expect(stream?.state).toBe('reconnecting');
  });

  it('keeps one keepalive across reconnects: no pings from the old connection, none before the hello', () => {
    open({ keepaliveMs: 1_000, backoffBaseMs: 100 });
    greet();
    latest().drop();
    vi.advanceTimersByTime(100);
    const second = latest();
    vi.advanceTimersByTime(5_000);
    expect(second.closedWith).toBeUndefined();
    expect(second.sent).toEqual([]); // no ping (from the old connection's timer) before the relay says hello
    second.challenge('tok-123');
    second.push(hello(0));
    second.push(hello(0));
    vi.advanceTimersByTime(1_000);
    expect(second.frames('ping')).toHaveLength(1);
  });

  it('resumes from the hello of its first connection when no event came before a drop', () => {
    open({ backoffBaseMs: 100 });
    greet(5);
    expect(latest().frames('resume')).toEqual([{ type: 'resume' }]);
    latest().drop();
    vi.advanceTimersByTime(100);
    greet(5);
    expect(latest().frames('resume')).toEqual([{ type: 'resume', epoch: EPOCH, since: 5 }]);
  });

  it('after a snapshot of a new epoch, drops what the snapshot covered and resumes from it', () => {
    const seen: number[] = [];
    open({ cursor: { epoch: EPOCH, seq: 40 }, backoffBaseMs: 100 });
    stream?.onEvent((event) => event.type === 'clock' && seen.push(event.seq));
    latest().challenge('tok-123');
    latest().push(hello(7, NEW_EPOCH));
    latest().push(frame('snapshot', 7, { messages: [], verifications: [] }, NEW_EPOCH));
    expect(stream?.cursor).toEqual({ epoch: NEW_EPOCH, seq: 7 });
    latest().push(clock(7, NEW_EPOCH));
    latest().push(clock(8, NEW_EPOCH));
    expect(seen).toEqual([8]);
    latest().drop();
    vi.advanceTimersByTime(100);
    latest().challenge('tok-123');
    latest().push(hello(8, NEW_EPOCH));
    expect(latest().frames('resume')).toEqual([{ type: 'resume', epoch: NEW_EPOCH, since: 8 }]);
  });

  it('reconnectNow while it waits to reconnect changes nothing: the retry comes as planned', () => {
    open({ backoffBaseMs: 100 });
    latest().drop();
    expect(() => stream?.reconnectNow()).not.toThrow();
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
  });

  it('emits an event of a new epoch even when its seq is at or below the cursor', () => {
    const seen: number[] = [];
    open({ cursor: { epoch: EPOCH, seq: 40 } });
    stream?.onEvent((event) => event.type === 'clock' && seen.push(event.seq));
    greet(40);
    latest().push(clock(40));
    latest().push(clock(41));
    latest().push(clock(3, NEW_EPOCH));
    latest().push(clock(4, NEW_EPOCH));
    latest().push(clock(4, NEW_EPOCH));
    expect(seen).toEqual([41, 3, 4]);
    expect(stream?.cursor).toEqual({ epoch: NEW_EPOCH, seq: 4 });
  });

  it('next() resolves with the first event of the type that matches, and rejects when none comes in time', async () => {
    open();
    greet();
    const second = stream?.next('clock', (event) => event.seq === 2);
    const any = stream?.next('clock');
    latest().push(frame('pong', 0, {}));
    latest().push(clock(1));
    latest().push(clock(2));
    await expect(any).resolves.toMatchObject({ seq: 1 });
    await expect(second).resolves.toMatchObject({ seq: 2 });
    const late = stream?.next('reset', () => true, 500);
    vi.advanceTimersByTime(500);
    await expect(late).rejects.toThrow('No "reset" event within 500 ms');
  });

  it('stops telling a listener once it unsubscribed', () => {
    const events: string[] = [];
    const states: string[] = [];
    open();
    const offEvents = stream?.onEvent((event) => events.push(event.type));
    const offStates = stream?.onState((state) => states.push(state));
    greet();
    offEvents?.();
    offStates?.();
    latest().push(clock(1));
    stream?.close();
    expect(events).toEqual(['hello']);
    expect(states).toEqual(['open']);
  });
});
