import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface ComponentServer {
  /** `http://127.0.0.1:<port>`: the exact origin the relay's codes are issued for. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the bundled component pages on 127.0.0.1, port 0: `/<name>` is an HTML page loading `<name>.js`
 * (and `<name>.css` when the bundle has one). 127.0.0.1 is one of the extension's own host permissions, so
 * auto-fill can be turned on for this origin exactly as a seller turns it on for a site.
 */
export async function serveComponentPages(dir: string): Promise<ComponentServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const asset = /^\/([\w-]+)\.(js|css)$/.exec(path);
    if (asset && existsSync(join(dir, `${asset[1]}.${asset[2]}`))) {
      const type = asset[2] === 'js' ? 'text/javascript' : 'text/css';
      response.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
      response.end(readFileSync(join(dir, `${asset[1]}.${asset[2]}`)));
      return;
    }
    const page = /^\/([\w-]+)$/.exec(path)?.[1];
    if (!page || !existsSync(join(dir, `${page}.js`))) {
      response.writeHead(404).end();
      return;
    }
    const css = existsSync(join(dir, `${page}.css`)) ? `<link rel="stylesheet" href="/${page}.css">` : '';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Verify your phone</title>${css}</head>` +
        `<body><script src="/${page}.js"></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        // The browser keeps connections alive; a close that waited for them would hang the test's afterAll.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
