import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import nodemailer from 'nodemailer';
import { createSelfSignedCert } from '../../relay/src/tls/self-signed-cert.ts';
import { json, listenLocal, readJson } from '../harness/local-server.ts';

export interface EmailLoginAppOptions {
  /** The app's host name (Chromium maps it to 127.0.0.1: httpsSiteArgs); its site sends the mail. */
  host: string;
  /** The address the app's mail comes from, e.g. `codes@mailshop.example`. */
  from: string;
  /** The SMTP port the app's mailer talks to; read on each send (the relay may start after the app). */
  smtpPort: () => number;
}

export interface EmailLoginApp {
  /** https://<host>:<port> */
  origin: string;
  /** What the app's backend decided on each sign-in, in order (the app's own view). */
  checks: { email: string; ok: boolean }[];
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><main>
  <h1>Sign in</h1>
  <form id="start"><label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="email"><button id="send">Email me a code</button></form>
  <form id="verify" hidden><label for="code">Verification code</label>
    <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
    <button id="submit">Sign in</button></form>
  <p id="status" role="status"></p>
</main>
<script>
  const status = document.getElementById('status');
  const post = (path, body) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
  document.getElementById('start').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await post('/start', { email: document.getElementById('email').value });
    status.textContent = answer.error ?? 'We emailed you a code.';
    if (!answer.error) document.getElementById('verify').hidden = false;
  });
  document.getElementById('verify').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await post('/check', { email: document.getElementById('email').value, code: document.getElementById('code').value });
    status.textContent = answer.ok ? 'Signed in' : 'Wrong code, try again.';
  });
</script></body></html>`;

/**
 * A small app under test that emails its users a sign-in code with nodemailer over plain SMTP, as a real app
 * would in development: the only test-specific line is the transport's host and port, which point at the
 * relay's SMTP server. Served over https (a self-signed certificate made here): a code bound to a site by its
 * From domain is only ever filled into an https page of that site.
 */
export async function startEmailLoginApp(options: EmailLoginAppOptions): Promise<EmailLoginApp> {
  const codes = new Map<string, string>();
  const checks: EmailLoginApp['checks'] = [];
  const site = options.from.slice(options.from.indexOf('@') + 1);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'GET' && req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    const body = req.method === 'POST' ? await readJson(req) : {};
    const email = String(body.email ?? '');
    if (req.url === '/start') {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      codes.set(email, code);
      const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: options.smtpPort(), ignoreTLS: true });
      await mailer.sendMail({
        from: `"Mail Shop" <${options.from}>`,
        to: email,
        subject: `Your ${site} sign-in code`,
        text: `Hi,\n\nYour sign-in code is ${code}. It expires in 10 minutes.\n\nIf this wasn't you, ignore this email.`,
        html: `<p>Hi,</p><p>Your sign-in code is <b>${code}</b>. It expires in 10 minutes.</p><p>If this wasn't you, ignore this email.</p>`,
      });
      mailer.close();
      return json(res, 200, { ok: true });
    }
    if (req.url === '/check') {
      const ok = codes.get(email) === String(body.code ?? '');
      if (ok) codes.delete(email);
      checks.push({ email, ok });
      return json(res, 200, { ok });
    }
    res.writeHead(404).end();
  }

  const pems = await createSelfSignedCert([options.host]);
  const server: Server = createServer(pems, (req, res) => {
    void handle(req, res).catch((error: { message?: string }) => {
      json(res, 400, { error: `Sending failed: ${error.message ?? 'error'}` });
    });
  });
  const { port, close } = await listenLocal(server);
  return { origin: `https://${options.host}:${port}`, checks, close };
}
