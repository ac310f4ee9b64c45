import { build } from 'esbuild';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '../../../scripts/find-chrome.mjs';
import { CASES } from './is-fillable.cases.ts';

/**
 * Every isFillable case in real Chromium, where there IS layout: the geometry half (rects, off-screen,
 * checkVisibility) judges the cases happy-dom cannot (marked 'layout'), and the style half must agree with it
 * on all the others. isFillable is bundled and run in one page, each case in a fresh body.
 */
const chrome = findChrome();
// A missing browser fails the suite (issue 8): a skipped real-Chromium suite would vanish from CI silently.
const NO_CHROME = 'No Chromium: run `node scripts/ensure-chromium.mjs` or set CHROME_PATH';

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  if (!chrome) throw new Error(NO_CHROME);
  const result = await build({
    stdin: {
      contents: "export { isFillable } from './is-fillable.ts';",
      resolveDir: import.meta.dirname,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'OtpFillable',
    write: false,
  });
  bundle = result.outputFiles[0]?.text ?? '';
  browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('isFillable in real Chromium', () => {
  it('judges every case as the table says', async () => {
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 1280, height: 900 });
      await page.setContent('<!doctype html><html><body></body></html>');
      await page.addScriptTag({ content: bundle });
      const verdicts = await page.evaluate((cases: typeof CASES) => {
        const api = (window as unknown as { OtpFillable: { isFillable: (element: HTMLElement) => boolean } })
          .OtpFillable;
        return cases.map(([name, html]) => {
          document.body.innerHTML = html;
          return [name, api.isFillable(document.getElementById('target') as HTMLElement)] as const;
        });
      }, CASES);
      expect(Object.fromEntries(verdicts)).toEqual(
        Object.fromEntries(CASES.map(([name, , fillable]) => [name, fillable])),
      );
    } finally {
      await page.close();
    }
  }, 60_000);
});
