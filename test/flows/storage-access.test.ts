import { describe, expect, it } from 'vitest';
import { useFlow } from '../harness/index.ts';

/** What a script in the autofill script's world (the page's renderer, the extension's isolated world) gets. */
interface Read {
  area: 'local' | 'session';
  available: boolean;
  keys: string[];
  token: unknown;
  error: string | null;
}

describe('the token stays out of the page’s renderer (issue 13 item 5)', () => {
  const flow = useFlow();

  it('after the autofill script filled a code, its world can read neither storage area; the fill still works', async () => {
    const demo = await flow.openDemo('login');
    const to = 'renderer@lumen-goods.example';
    await demo.requestCode({ to, password: 'correct horse battery staple' });
    const message = await flow.relay.client.waitForMessage({ to, purpose: 'login' });
    // The autofill script ran in this tab, with only what its message carried.
    await demo.waitForCodeValue(message.code);

    const worker = await flow.browser.worker();
    // The worker itself (a trusted context) still reads the token.
    expect(await worker.evaluate(async () => (await chrome.storage.local.get('token')).token)).toBe(flow.relay.token);

    const reads = await worker.evaluate(async (pageUrl: string) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((candidate) => candidate.url?.startsWith(pageUrl) === true);
      if (tab?.id === undefined) throw new Error(`no tab at ${pageUrl}`);
      const [injected] = await chrome.scripting.executeScript({
        target: { tabId: tab.id },
        world: 'ISOLATED',
        // Runs in the page's renderer, in the same world as the autofill script: what a bug there could reach.
        func: async () => {
          const results = [];
          for (const area of ['local', 'session'] as const) {
            const storage = chrome.storage?.[area];
            try {
              const all = storage === undefined ? {} : await storage.get(null);
              results.push({
                area,
                available: storage !== undefined,
                keys: Object.keys(all),
                token: all.token,
                error: null,
              });
            } catch (error) {
              results.push({ area, available: true, keys: [], token: undefined, error: String(error) });
            }
          }
          return results;
        },
      });
      return injected?.result as unknown;
    }, `${flow.relay.url}/demo/`);

    expect(reads).toHaveLength(2);
    for (const read of reads as Read[]) {
      expect(read.token, `${read.area}: token`).toBeUndefined();
      expect(read.keys, `${read.area}: keys`).toEqual([]);
      // Chrome either hides the area from that world or refuses the read; it never answers with data.
      expect(!read.available || read.error !== null, `${read.area}: refused`).toBe(true);
    }
  });
});
