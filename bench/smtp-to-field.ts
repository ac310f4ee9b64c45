import { ExtensionBrowser } from '../test/harness/browser.ts';
import { httpsSiteArgs, serveHttpsSite } from '../test/harness/https-site.ts';
import { startRelay } from '../test/harness/relay-process.ts';
import { waitForExtensionBuild } from './lib/extension-build.ts';
import type { BenchOptions, Row } from './lib/figure.ts';
import { SmtpClient, verificationEmail } from './lib/smtp-client.ts';
import { ms, ratio, sleep, summarize } from './lib/stats.ts';
import { StreamClients } from './lib/stream-clients.ts';
import { VERIFY_PAGE, wallNow } from './lib/test-page.ts';

declare global {
  interface Window {
    __filled: Array<{ value: string; at: number }>;
  }
}

/** The app's sending domain and its login page's host: the From domain binds the code to shop.example. */
const SITE = 'shop.example';
const PAGE_HOST = `login.${SITE}`;

/**
 * The Chromium half of figure 11: an app's email, sent over SMTP to the real relay CLI, auto-filled by the
 * extension into the app's https page on the site the From domain names. Latency: the terminating dot of
 * DATA handed to the socket → the whole code in the page's field (both on the wall clock).
 */
export async function smtpToField({ quick, log }: BenchOptions): Promise<{
  rows: Row[];
  method: string[];
  findings: string[];
}> {
  const samples = quick ? 5 : 20;
  await waitForExtensionBuild();
  const relay = await startRelay({ testClock: false });
  const site = await serveHttpsSite([PAGE_HOST], () => VERIFY_PAGE);
  const url = site.url(PAGE_HOST, '/verify');
  const origin = new URL(url).origin;
  const browser = await ExtensionBrowser.launch({
    relay,
    args: httpsSiteArgs([PAGE_HOST]),
    grantedOrigins: [origin],
  });
  const node = await StreamClients.connect(relay.url, relay.token, 1, true);
  const smtp = await SmtpClient.open('127.0.0.1', relay.smtpPort);
  const toField: number[] = [];
  const toNode: number[] = [];
  let missed = 0;
  try {
    await browser.enableAutoFill(origin);
    const tab = await browser.newPage(url);
    await sleep(500); // document_idle: the content script is in
    for (let i = -3; i < samples; i++) {
      await tab.evaluate(() => {
        (document.getElementById('otp') as HTMLInputElement).value = '';
        window.__filled = [];
      });
      const email = verificationEmail(1_000_000 + i, `no-reply@${SITE}`, SITE);
      let dataEnd = 0;
      const [nodeLatency] = await node.time(email.to, async () => {
        await smtp.send(email.from, [email.to], email.raw, () => {
          dataEnd = wallNow();
        });
      });
      const filled = await tab
        .waitForFunction(() => window.__filled[0] ?? false, { timeout: 10_000, polling: 20 })
        .then((handle) => handle.jsonValue() as Promise<{ value: string; at: number }>)
        .catch(() => null);
      if (i >= 0) {
        if (filled === null || filled.value !== email.code) missed += 1;
        else toField.push(filled.at - dataEnd);
        if (nodeLatency !== undefined && !Number.isNaN(nodeLatency)) toNode.push(nodeLatency);
      }
      await sleep(150);
    }
  } finally {
    await smtp.close();
    node.close();
    await browser.close();
    await site.close();
    await relay.stop();
  }
  const field = summarize(toField);
  const stream = summarize(toNode);
  log(`  SMTP DATA end → field p50 ${ms(field.p50)} p90 ${ms(field.p90)}; node stream client p50 ${ms(stream.p50)}`);
  return {
    rows: [
      {
        metric: `SMTP DATA end → code in the field (auto-fill), median / p90 (n=${field.n})`,
        value: `${ms(field.p50)} / ${ms(field.p90)}`,
        target: 'median < 100 ms',
        met: field.n > 0 && field.p50 < 100,
        ratio: ratio(field.p50, stream.p50, 'Node stream client (p50)'),
      },
      { metric: 'same emails → Node stream client, median / p90', value: `${ms(stream.p50)} / ${ms(stream.p90)}` },
    ],
    method: [
      `SMTP → field: the real relay CLI (test/harness startRelay, real clock) and real headless Chromium with the built extension, paired, auto-fill on for https://${PAGE_HOST} (with the host access the options page asks for there); the page (one labelled code input, served over https with a throwaway certificate, the host mapped to 127.0.0.1) records when the whole code is in the field. Each sample: one email from no-reply@${SITE} over one kept-open SMTP connection; latency = the DATA terminator handed to the socket → the field holds the code, both on the wall clock. ${samples} samples after 3 warm-ups; ${missed} never filled within 10 s.`,
      'In the same run a raw Node `ws` stream client on the same relay times the same emails, from the moment the send starts (MAIL FROM) to its message event: the ratio shows what the browser side adds.',
    ],
    findings: [],
  };
}
