import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WebSocketServer } from 'ws';

/** What a squatter saw: every HTTP request (head and body) and every WebSocket upgrade and frame. */
export interface SquatterRecord {
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  upgrades: { url: string; headers: IncomingMessage['headers'] }[];
  frames: string[];
}

export interface PortSquatter {
  record: SquatterRecord;
  /** Everything it received, as one string: what it could search for a token or replay. */
  everything(): string;
  close(): Promise<void>;
}

/**
 * A process that takes the relay's port while the relay is down (issue 13 item 1): a real HTTP and WebSocket
 * server on 127.0.0.1:`port` that answers like a relay would if it could (any subprotocol, `{ok:true}`, 200s),
 * records everything, and pushes to every stream client what `push` returns: a forged challenge, a hello, a
 * message event with a code of its choosing.
 */
export async function squatPort(
  port: number,
  push: () => string[],
  answer: (req: IncomingMessage) => { status: number; headers?: Record<string, string>; body: string } = () => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"ok":true}',
  }),
): Promise<PortSquatter> {
  const record: SquatterRecord = { requests: [], upgrades: [], frames: [] };
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => [...offered][0] ?? false });
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += String(chunk);
    });
    req.on('end', () => {
      record.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const { status, headers = {}, body: text } = answer(req);
      res.writeHead(status, headers).end(text);
    });
  });
  server.on('upgrade', (req, socket, head) => {
    record.upgrades.push({ url: req.url ?? '', headers: req.headers });
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data) => record.frames.push(String(data)));
      ws.on('error', () => undefined);
      for (const frame of push()) ws.send(frame);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    record,
    everything: () => JSON.stringify(record),
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
