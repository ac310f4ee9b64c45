import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A plain verification page: one code input, labelled as sites label it, and a recorder that notes when the
 * whole code is in the field (epoch ms via performance.timeOrigin + performance.now(), comparable with the
 * bench process's clock to about a millisecond). The content script types digit by digit, firing `input`.
 */
export const VERIFY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Verify it's you</title></head>
<body>
<h1>Enter the verification code</h1>
<form action="/done" method="post">
  <label for="otp">Verification code</label>
  <input id="otp" name="otp" type="text" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
  <button type="submit">Verify</button>
</form>
<script>
  window.__filled = [];
  document.getElementById('otp').addEventListener('input', (event) => {
    const value = event.target.value;
    if (value.length === 6 && window.__filled.length === 0) {
      window.__filled.push({ value, at: performance.timeOrigin + performance.now() });
    }
  });
</script>
</body></html>`;

export interface TestPageServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves VERIFY_PAGE on 127.0.0.1 (an origin the content script matches). */
export async function serveTestPage(): Promise<TestPageServer> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(VERIFY_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** performance.now() on the wall clock: the bench process's side of a cross-process latency. */
export const wallNow = (): number => performance.timeOrigin + performance.now();
