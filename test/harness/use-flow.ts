import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ExtensionBrowser, type LaunchOptions } from './browser.ts';
import { type DemoFlow, DemoPage } from './demo-page.ts';
import { type RelayProcess, type StartRelayOptions, startRelay } from './relay-process.ts';

export interface FlowContext {
  relay: RelayProcess;
  browser: ExtensionBrowser;
  /** Opens a demo flow page on the relay's origin. */
  openDemo(flow: DemoFlow, query?: string): Promise<DemoPage>;
}

/**
 * One real relay process and one real Chromium with the extension, paired, for a whole test file;
 * relay state and extension settings are reset before each test. Files run in parallel, each on its own port.
 */
export function useFlow(
  options: { relay?: StartRelayOptions; browser?: Omit<LaunchOptions, 'relay'> } = {},
): FlowContext {
  const context = {} as FlowContext;
  beforeAll(async () => {
    context.relay = await startRelay(options.relay);
    context.browser = await ExtensionBrowser.launch({ ...options.browser, relay: context.relay });
    context.openDemo = async (flow, query = '') =>
      new DemoPage(await context.browser.newPage(`${context.relay.url}/demo/${flow}${query}`));
  });
  beforeEach(async () => {
    await context.relay.client.reset();
    // Settings as a freshly paired extension has them: auto-fill on for the relay's own demo origin only.
    await context.browser.setSettings({ relayUrl: context.relay.url, token: context.relay.token });
    const worker = await context.browser.worker();
    await worker.evaluate(() => chrome.storage.local.remove(['autoFillOrigins', 'submitAfterFill']));
    // Close what the previous test opened (keep one tab: the browser lives as long as a tab does).
    const [, ...rest] = await context.browser.browser.pages();
    for (const page of rest) await page.close();
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.relay?.stop();
  });
  return context;
}
