import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import twilio from 'twilio';
import { RelayRequestClient } from '../../relay/src/twilio/relay-request-client.ts';
import { json, listenLocal, readJson } from '../harness/local-server.ts';

export interface TwilioLoginAppOptions {
  /** The relay the app's Twilio client talks to; read on first use (the relay may start after the app). */
  relayUrl: () => string;
  accountSid: string;
  authToken: string;
}

export interface TwilioLoginApp {
  /** http://127.0.0.1:<port>: the origin the relay's --twilio-origin names. */
  origin: string;
  /** What the app's backend got back from Twilio Verify, in order (for asserting on the app's own view). */
  checks: { to: string; status: string; valid: boolean }[];
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><main>
  <h1>Sign in</h1>
  <form id="start"><label for="phone">Phone number</label>
    <input id="phone" name="phone" type="tel" autocomplete="tel"><button id="send">Text me a code</button></form>
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
    const answer = await post('/start', { phone: document.getElementById('phone').value });
    status.textContent = answer.error ?? 'We texted you a code.';
    if (!answer.error) document.getElementById('verify').hidden = false;
  });
  document.getElementById('verify').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await post('/check', { phone: document.getElementById('phone').value, code: document.getElementById('code').value });
    status.textContent = answer.status === 'approved' ? 'Signed in' : answer.error ?? 'Wrong code, try again.';
  });
</script></body></html>`;

/**
 * A small app under test that logs its users in with Twilio Verify through the official SDK, as a real app
 * would: the only test-specific line is the SDK's `httpClient`, which points it at the relay. Served on
 * 127.0.0.1, port 0.
 */
export async function startTwilioLoginApp(options: TwilioLoginAppOptions): Promise<TwilioLoginApp> {
  let client: ReturnType<typeof twilio> | undefined;
  let serviceSid: Promise<string> | undefined;
  const checks: TwilioLoginApp['checks'] = [];
  const verify = () => {
    client ??= twilio(options.accountSid, options.authToken, {
      httpClient: new RelayRequestClient(options.relayUrl()),
    });
    serviceSid ??= client.verify.v2.services.create({ friendlyName: 'Twilio Login App' }).then((s) => s.sid);
    return { client, serviceSid };
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: { message?: string; code?: number }) => {
      json(res, 400, { error: `Twilio said ${error.code ?? '?'}: ${error.message ?? 'error'}` });
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'GET' && req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    const body = req.method === 'POST' ? await readJson(req) : {};
    const { client: twilioClient, serviceSid: sid } = verify();
    if (req.url === '/start') {
      await twilioClient.verify.v2.services(await sid).verifications.create({ to: String(body.phone), channel: 'sms' });
      return json(res, 200, { ok: true });
    }
    if (req.url === '/check') {
      const check = await twilioClient.verify.v2
        .services(await sid)
        .verificationChecks.create({ to: String(body.phone), code: String(body.code) });
      checks.push({ to: check.to, status: check.status, valid: check.valid });
      return json(res, 200, { status: check.status });
    }
    res.writeHead(404).end();
  }
  const { port, close } = await listenLocal(server);
  return { origin: `http://127.0.0.1:${port}`, checks, close };
}
