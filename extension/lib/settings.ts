import { browser } from 'wxt/browser';
import { z } from 'zod';
import { originOf, relayDemoOrigins } from './relay-origins.ts';

/*
 * What the user configures, in storage.local (survives browser restarts), under plain keys so a test harness
 * can pair the extension with no UI at all. From the service worker (puppeteer: `worker.evaluate`):
 *
 *   await chrome.storage.local.set({ relayUrl: 'http://127.0.0.1:8787', token: '<the relay token>' });
 *
 * The background watches these keys and reconnects at once. Optional keys:
 *   autoFillOrigins: string[]   exact origins where a code is filled as soon as it arrives
 *                               (absent → the relay's own demo origins)
 *   submitAfterFill: boolean    press the form's submit after filling (default false)
 * Unpair: `chrome.storage.local.remove('token')`.
 */
export const DEFAULT_RELAY_URL = 'http://127.0.0.1:8787';

export const SETTINGS_KEYS = ['relayUrl', 'token', 'autoFillOrigins', 'submitAfterFill'] as const;

export interface Settings {
  relayUrl: string;
  /** Empty: not paired. */
  token: string;
  autoFillOrigins: string[];
  submitAfterFill: boolean;
}

const StoredSettingsSchema = z.object({
  relayUrl: z.string().optional().catch(undefined),
  token: z.string().optional().catch(undefined),
  autoFillOrigins: z.array(z.string()).optional().catch(undefined),
  submitAfterFill: z.boolean().optional().catch(undefined),
});

/** Fills defaults in and ignores malformed values (storage is user-writable from devtools). */
export function resolveSettings(stored: Record<string, unknown>): Settings {
  const parsed = StoredSettingsSchema.parse(stored);
  const relayUrl = parsed.relayUrl && originOf(parsed.relayUrl) ? parsed.relayUrl : DEFAULT_RELAY_URL;
  return {
    relayUrl,
    token: parsed.token?.trim() ?? '',
    autoFillOrigins: parsed.autoFillOrigins ?? relayDemoOrigins(relayUrl),
    submitAfterFill: parsed.submitAfterFill ?? false,
  };
}

export async function loadSettings(): Promise<Settings> {
  return resolveSettings(await browser.storage.local.get([...SETTINGS_KEYS]));
}

export async function saveSettings(patch: Partial<Settings>): Promise<void> {
  await browser.storage.local.set(patch);
}

export async function unpair(): Promise<void> {
  await browser.storage.local.remove('token');
}

/** Calls `listener` with fresh settings whenever one of the settings keys changes in storage.local. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'local') return;
    if (!SETTINGS_KEYS.some((key) => key in changes)) return;
    void loadSettings().then(listener);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
