import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/*
 * What the small servers of the tests share (the apps under test in test/apps, the https sites and proxy of the
 * harness): a free port on 127.0.0.1, a close that does not wait for keep-alive sockets, JSON in and out.
 */

export interface LocalServer {
  port: number;
  close(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1. */
export async function listenLocal(server: HttpServer | HttpsServer): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A small JSON body (16 KiB at most); an empty one is {}. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 16_384) throw new Error('body too large');
  }
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}
