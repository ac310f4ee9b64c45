// The README's phone setup pictures, from the real thing: `otp-relay phone add` as a terminal shows it, and the
// extension's options page setting a phone up. Part of `npm run screenshots`; alone:
//   npx tsx scripts/phone-screenshots.ts   (after npm run build -w extension)
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ExtensionBrowser, startRelay } from '../test/harness/index.ts';

const BIN = fileURLToPath(new URL('../relay/bin/otp-relay.js', import.meta.url));

const escapeHtml = (text: string) =>
  text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

const ANSI_COLORS = ['#000', '#c00', '#0a0', '#c50', '#00c', '#a0a', '#0aa', '#fff'];
const ESC = String.fromCharCode(27);

/** The terminal's colours (SGR: 0, 30–37, 40–47) as spans: the QR code is black half-blocks on white cells. */
function ansiToHtml(text: string): string {
  let html = '';
  let open = false;
  let [fg, bg] = ['', ''];
  for (const [index, part] of text.split(new RegExp(`${ESC}\\[([\\d;]*)m`)).entries()) {
    if (index % 2 === 0) {
      html += escapeHtml(part);
      continue;
    }
    for (const code of part.split(';').map(Number)) {
      if (code === 0) [fg, bg] = ['', ''];
      if (code >= 30 && code <= 37) fg = `color:${ANSI_COLORS[code - 30]}`;
      if (code >= 40 && code <= 47) bg = `background:${ANSI_COLORS[code - 40]}`;
    }
    const styles = [fg, bg].filter(Boolean);
    if (open) html += '</span>';
    open = styles.length > 0;
    if (open) html += `<span style="${styles.join(';')}">`;
  }
  return open ? `${html}</span>` : html;
}

/** A terminal window showing `command` and what it printed (block characters of the QR code drawn edge to edge). */
function terminalPage(command: string, output: string): string {
  return `<!doctype html><meta charset="utf-8"><style>
  body { margin: 0; background: #1e1f22; }
  pre { margin: 0; padding: 18px 22px; color: #e6e6e6; font: 14px/1 "DejaVu Sans Mono", monospace; white-space: pre; }
  .prompt { color: #8ab4f8; }
</style><pre><span class="prompt">$</span> ${escapeHtml(command)}\n${ansiToHtml(output)}</pre>`;
}

export async function shootPhoneSetup(out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const relay = await startRelay({ testClock: false, args: ['--phone-port', '0'] });
  const browser = await ExtensionBrowser.launch({ relay });
  try {
    // 1. The CLI, against the running relay (the phone listener is on).
    const args = ['phone', 'add', '--app', 'smsforwarder', '--name', 'Pixel 8', '--relay', relay.url];
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { ...process.env, OTP_RELAY_TOKEN: relay.token, OTP_RELAY_CONFIG_DIR: relay.configDir, NO_COLOR: '1' },
    });
    const terminal = await browser.newPage();
    await terminal.setViewport({ width: 1000, height: 200 });
    await terminal.setContent(
      terminalPage(`otp-relay ${args.slice(0, 6).join(' ').replace('Pixel 8', '"Pixel 8"')}`, stdout),
    );
    await terminal.screenshot({ path: `${out}phone-add-cli.png`, fullPage: true });
    console.log(`wrote ${out}phone-add-cli.png`);

    // 2. The options page: the same setup in one screen.
    const options = await browser.newPage(`chrome-extension://${browser.extensionId}/options.html`);
    await options.setViewport({ width: 900, height: 800 });
    await options.waitForSelector('[data-testid="phone-add"] input');
    await options.type('[data-testid="phone-add"] input', 'Pixel 8 (work)');
    await options.click('[data-testid="phone-add"] button[type="submit"]');
    const qr = await options.waitForSelector('[data-testid="phone-qr"]', { visible: true });
    await options.waitForFunction((img: HTMLImageElement) => img.complete && img.naturalWidth > 0, {}, qr as never);
    const section = await options.$('[data-testid="phone-setup"]');
    await section?.screenshot({ path: `${out}options-phone-setup.png` });
    console.log(`wrote ${out}options-phone-setup.png`);
  } finally {
    await browser.close();
    await relay.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await shootPhoneSetup(fileURLToPath(new URL('../docs/screenshots/', import.meta.url)));
}
