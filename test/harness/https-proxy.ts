import { request } from 'node:http';
import { createServer, type Server } from 'node:https';
import { generate } from 'selfsigned';
import type { HttpsSite } from './https-site.ts';
import { listenLocal } from './local-server.ts';

/**
 * The relay's demo seller center as a real shop would serve it: over `https:` on a host with a registrable
 * domain (site-bound codes fill only there), terminating TLS in front of the relay as a reverse proxy does.
 * The browser is pointed at it with httpsSiteArgs(hosts). The relay checks `Host` (DNS rebinding) and the demo
 * API checks `Origin` against its own address, so the proxy speaks to the relay in the relay's own name, as a
 * proxy in front of any app that checks them must.
 */
export async function serveHttpsProxy(hosts: readonly string[], target: string): Promise<HttpsSite> {
  const upstream = new URL(target);
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2, value })) }],
  });
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const headers = { ...req.headers, host: upstream.host };
    if (headers.origin !== undefined) headers.origin = upstream.origin;
    delete headers.referer;
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.writeHead(502).end());
    req.pipe(forwarded);
  });
  const { port, close } = await listenLocal(server);
  return { port, url: (host, path = '/') => `https://${host}:${port}${path}`, close };
}
