import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForPage, launchChromium } from '../../test-kit/chromium-bundle.ts';
import { CASES } from './is-fillable.cases.ts';

/**
 * Every isFillable case in real Chromium, where there IS layout: the geometry half (rects, off-screen,
 * checkVisibility) judges the cases happy-dom cannot (marked 'layout'), and the style half must agree with it
 * on all the others. isFillable is bundled and run in one page, each case in a fresh body.
 */
let browser: Browser;
let bundle: string;

beforeAll(async () => {
  bundle = await bundleForPage(["export { isFillable } from './is-fillable.ts';"], import.meta.dirname, 'OtpFillable');
  browser = await launchChromium();
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
