import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_PATH } from '../../test/harness/browser.ts';
import { sleep } from './stats.ts';

const BUILT_FILES = ['manifest.json', 'background.js', 'popup.html', 'autofill.js'];

/**
 * Waits until the built extension is complete. `npm run bench` builds it first, but on a shared checkout
 * another engineer's `wxt build` can empty extension/.output for a few seconds at any time.
 */
export async function waitForExtensionBuild(timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!BUILT_FILES.every((file) => existsSync(join(EXTENSION_PATH, file)))) {
    if (Date.now() > deadline) throw new Error(`no complete extension build in ${EXTENSION_PATH}: run npm run build`);
    await sleep(500);
  }
}
