import { createServer, type Server } from 'node:https';
import { generate } from 'selfsigned';
import { listenLocal } from './local-server.ts';

/**
 * Real `https:` pages for hosts that do not exist here (seller-us.tiktok.com, look-alikes), served from
 * 127.0.0.1 on a port of its own: Chromium is launched with `--host-resolver-rules` mapping those names to
 * 127.0.0.1 (a rule maps the host only; the port comes from the URL) and, for that throwaway profile only,
 * `--ignore-certificate-errors` for the self-signed certificate made here for this run.
 */
export interface HttpsSite {
  port: number;
  /** `https://<host>:<port><path>` */
  url(host: string, path?: string): string;
  close(): Promise<void>;
}

/** The Chromium flags that send `hosts` to 127.0.0.1 and accept a self-signed certificate (this profile only). */
export function httpsSiteArgs(hosts: readonly string[]): string[] {
  return [
    `--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`,
    '--ignore-certificate-errors',
  ];
}

export async function serveHttpsSite(hosts: readonly string[], page: (host: string) => string): Promise<HttpsSite> {
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2, value })) }],
  });
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(host));
  });
  const { port, close } = await listenLocal(server);
  return { port, url: (host, path = '/') => `https://${host}:${port}${path}`, close };
}
