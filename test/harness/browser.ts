import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTENSION_ID } from '@otp-relay/shared';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import { findChrome } from '../../scripts/find-chrome.mjs';
import { Popup } from './popup.ts';
import type { RelayProcess } from './relay-process.ts';

export const EXTENSION_PATH = fileURLToPath(new URL('../../extension/.output/chrome-mv3', import.meta.url));
const WATCHDOG = fileURLToPath(new URL('./process-watchdog.mjs', import.meta.url));

export interface LaunchOptions {
  /** Pair the extension with this relay right away (what a seller does once by pasting the token). */
  relay?: RelayProcess;
  /** Show the window (default: headless). */
  headed?: boolean;
  /** prefers-color-scheme for every page and the popup. */
  colorScheme?: 'light' | 'dark';
  /** More Chromium flags for this profile (e.g. httpsSiteArgs: a host mapping and a throwaway certificate). */
  args?: string[];
  /**
   * Origins the seller has granted the extension (what the options page's "Add site" asks for with
   * permissions.request, for auto-fill on a site that is not local). An automated Chromium cannot answer that
   * prompt, so the profile loads a copy of the built extension whose manifest lists them as host permissions:
   * the same code and id, with the grant the seller would have given.
   */
  grantedOrigins?: string[];
}

/** A copy of the built extension, in `profile`, with `origins` added to its host permissions. */
function extensionWithGrants(profile: string, origins: readonly string[]): string {
  const copy = join(profile, 'extension');
  cpSync(EXTENSION_PATH, copy, { recursive: true });
  const manifestPath = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...origins.map((origin) => `${origin}/*`)];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return copy;
}

/** Real Chromium with the real built extension loaded, driven by puppeteer-core. */
export class ExtensionBrowser {
  readonly browser: Browser;
  readonly extensionId = EXTENSION_ID;
  /** The temporary profile directory (removed when the browser closes or its launcher dies). */
  readonly profile: string;
  readonly #watchdog: ChildProcess;
  readonly #colorScheme: 'light' | 'dark' | undefined;

  private constructor(
    browser: Browser,
    profile: string,
    watchdog: ChildProcess,
    colorScheme: 'light' | 'dark' | undefined,
  ) {
    this.browser = browser;
    this.profile = profile;
    this.#watchdog = watchdog;
    this.#colorScheme = colorScheme;
  }

  static async launch(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
    const executablePath = findChrome();
    if (!executablePath) throw new Error('No Chromium: run `node scripts/ensure-chromium.mjs` or set CHROME_PATH');
    const profile = mkdtempSync(join(tmpdir(), 'otp-relay-chromium-'));
    // Chromium dies with this process, however this process dies (SIGKILL included): see process-watchdog.mjs.
    // Started before Chromium, so there is no moment when a Chromium runs unwatched.
    const watchdog = spawn(process.execPath, [WATCHDOG, profile], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    watchdog.stdin?.on('error', () => undefined);
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    const browser = await puppeteer
      .launch({
        executablePath,
        headless: !options.headed,
        pipe: true,
        userDataDir: profile,
        enableExtensions: [
          options.grantedOrigins?.length ? extensionWithGrants(profile, options.grantedOrigins) : EXTENSION_PATH,
        ],
        defaultViewport: { width: 1100, height: 800 },
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
          ...(options.colorScheme ? [`--force-${options.colorScheme === 'dark' ? 'dark' : 'light'}-mode`] : []),
          ...(options.args ?? []),
        ],
        // Chromium keeps its crash database under $XDG_CONFIG_HOME/chromium (the real ~/.config otherwise), and
        // its crash handler leaves Chromium's process group: inside the profile, the watchdog finds it by path.
        env: {
          ...process.env,
          XDG_CONFIG_HOME: join(profile, 'xdg-config'),
          XDG_CACHE_HOME: join(profile, 'xdg-cache'),
        },
      })
      .catch(async (error: unknown) => {
        await stopWatchdog(watchdog);
        throw error;
      });
    watchdog.stdin?.write(`pid ${browser.process()?.pid ?? 0}\n`);
    const harness = new ExtensionBrowser(browser, profile, watchdog, options.colorScheme);
    try {
      await harness.worker();
      if (options.relay) {
        await harness.pair(options.relay);
        await harness.waitForConnected();
      }
    } catch (error) {
      // A launch that fails half-way (no service worker, never connected) leaves no Chromium behind either.
      await harness.close();
      throw error;
    }
    return harness;
  }

  /** The extension's service worker (waits for it; it may have been restarted by Chrome). */
  async worker(): Promise<WebWorker> {
    const target = await this.browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${this.extensionId}/`),
      { timeout: 15_000 },
    );
    const worker = await target.worker();
    if (!worker) throw new Error('extension service worker has no worker handle');
    // Right after start the worker's global scope exists before the extension APIs are bound to it.
    const deadline = Date.now() + 10_000;
    while (!(await worker.evaluate(() => typeof chrome === 'object' && typeof chrome.storage === 'object'))) {
      if (Date.now() > deadline) throw new Error('extension APIs never appeared in the service worker');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return worker;
  }

  /** Pairs the extension with a relay: no step for a test run, it writes what the pairing form would. */
  async pair(relay: RelayProcess): Promise<void> {
    await this.setSettings({ relayUrl: relay.url, token: relay.token });
  }

  /** Resolves once the background holds a live stream to its relay (what the popup shows as Connected). */
  async waitForConnected(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const worker = await this.worker();
      const status = await worker.evaluate(async () => {
        const { connection } = (await chrome.storage.session.get('connection')) as { connection?: { status?: string } };
        return connection?.status ?? null;
      });
      if (status === 'connected') return;
      if (Date.now() > deadline) throw new Error(`extension not connected to the relay (status: ${status})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Waits until the background has decided auto-fill for this message (every open tab considered; it writes
   * the decision to storage.session `autoFillLog`) and returns how many tabs it armed. A negative test waits
   * for this instead of sleeping and hoping nothing happened meanwhile.
   */
  async autoFillDecision(messageId: string, timeoutMs = 10_000): Promise<{ armedTabs: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const worker = await this.worker();
      const decision = await worker.evaluate(async (id: string) => {
        const { autoFillLog } = (await chrome.storage.session.get('autoFillLog')) as {
          autoFillLog?: Array<{ messageId: string; armedTabs: number }>;
        };
        return autoFillLog?.find((entry) => entry.messageId === id) ?? null;
      }, messageId);
      if (decision) return { armedTabs: decision.armedTabs };
      if (Date.now() > deadline) throw new Error(`the extension decided nothing about auto-filling ${messageId}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Turns auto-fill on for an exact origin (as the options page does), keeping the sites already on. */
  async enableAutoFill(origin: string): Promise<void> {
    const worker = await this.worker();
    await worker.evaluate(async (o: string) => {
      const stored = (await chrome.storage.local.get(['autoFillOrigins', 'relayUrl'])) as {
        autoFillOrigins?: string[];
        relayUrl?: string;
      };
      // No list stored means the extension's default: the relay's own demo origin, in its three local spellings.
      const relay = stored.relayUrl ? new URL(stored.relayUrl) : null;
      const defaults = relay
        ? ['127.0.0.1', 'localhost', '[::1]'].map((host) => `${relay.protocol}//${host}:${relay.port}`)
        : [];
      const current = stored.autoFillOrigins ?? defaults;
      if (!current.includes(o)) await chrome.storage.local.set({ autoFillOrigins: [...current, o] });
    }, origin);
  }

  /** Turns auto-fill off everywhere, the demo origin included: fills then need a click in the popup. */
  async disableAutoFill(): Promise<void> {
    await this.setSettings({ autoFillOrigins: [] });
  }

  async setSettings(values: Record<string, unknown>): Promise<void> {
    const worker = await this.worker();
    await worker.evaluate((v: Record<string, unknown>) => chrome.storage.local.set(v), values);
  }

  async newPage(url?: string): Promise<Page> {
    const page = await this.browser.newPage();
    if (this.#colorScheme)
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: this.#colorScheme }]);
    if (url) await page.goto(url, { waitUntil: 'domcontentloaded' });
    return page;
  }

  /** Clicks the toolbar icon over `page`: the real action popup opens, with `page` as the active tab. */
  async openPopup(page: Page): Promise<Popup> {
    await page.bringToFront();
    const extension = (await this.browser.extensions()).get(this.extensionId);
    if (!extension) throw new Error('extension is not installed');
    const opened = this.browser.waitForTarget(
      (t) => t.url().startsWith(`chrome-extension://${this.extensionId}/popup.html`),
      { timeout: 10_000 },
    );
    await page.triggerExtensionAction(extension);
    const popupPage = await (await opened).asPage();
    if (this.#colorScheme) {
      await popupPage.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: this.#colorScheme }]);
    }
    return new Popup(popupPage);
  }

  /** Closes Chromium; the watchdog then makes sure nothing of it is left and removes the profile. */
  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await stopWatchdog(this.#watchdog);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** Closing the watchdog's stdin is its signal to clean up; resolves when it has (or after 10 s). */
async function stopWatchdog(watchdog: ChildProcess): Promise<void> {
  if (watchdog.exitCode !== null || watchdog.signalCode !== null) return;
  // Referenced again while we wait: an unreferenced child would let a script that ends with `await close()`
  // exit (code 13, top-level await never settled) before the cleanup it is waiting for.
  watchdog.ref();
  const exited = once(watchdog, 'exit');
  watchdog.stdin?.end();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
  clearTimeout(timer);
}
