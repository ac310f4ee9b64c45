import { build } from 'esbuild';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findChrome } from '../../scripts/find-chrome.mjs';

/*
 * For the autofill suites that run extension modules in a plain headless Chromium page (no extension): the
 * modules bundled into one IIFE that a page can take as a script tag, and the browser to run it in.
 */

/** A missing browser fails the suite (issue 8): a skipped real-Chromium suite would vanish from CI silently. */
export async function launchChromium(): Promise<Browser> {
  const chrome = findChrome();
  if (!chrome) throw new Error('No Chromium: run `node scripts/ensure-chromium.mjs` or set CHROME_PATH');
  return puppeteer.launch({ executablePath: chrome, headless: true, args: ['--no-sandbox'] });
}

/** `exportLines` (e.g. "export { isFillable } from './is-fillable.ts';") bundled as `window[globalName]`. */
export async function bundleForPage(exportLines: string[], resolveDir: string, globalName: string): Promise<string> {
  const result = await build({
    stdin: { contents: exportLines.join('\n'), resolveDir, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName,
    write: false,
  });
  return result.outputFiles[0]?.text ?? '';
}
