import { readdirSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, FIXTURES_DIR } from '../../test-kit/autofill-page.ts';
import { bundleForPage, launchChromium } from '../../test-kit/chromium-bundle.ts';
import { expectedAnswer, fixtureOutcome, inputValues, openFixture } from '../../test-kit/chromium-fixtures.ts';

/**
 * The same fixtures in real Chromium, where there IS layout: the geometry half of isFillable (rects,
 * off-screen, checkVisibility), real declarative shadow DOM, real srcdoc frames, and a real cross-origin
 * frame served from another origin whose code field must stay empty. Pages are served by request
 * interception at TEST_ORIGIN; the autofill module is bundled and run in the page.
 */
const files = readdirSync(FIXTURES_DIR).filter((file) => file.endsWith('.html'));

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  bundle = await bundleForPage(
    [
      "export { fillAsTheBridgeDoes } from '../../test-kit/autofill-parts.ts';",
      "export { registerKeywords } from './active-keywords.ts';",
      "export { LANGUAGE_KEYWORDS } from './language-keywords.ts';",
      "export { pageLanguages } from './page-languages.ts';",
    ],
    import.meta.dirname,
    'OtpAutofill',
  );
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function open(file: string): Promise<Page> {
  const page = await openFixture(browser, file);
  await page.addScriptTag({ content: bundle });
  return page;
}

interface Bundle {
  fillAsTheBridgeDoes: typeof import('../../test-kit/autofill-parts.ts').fillAsTheBridgeDoes;
  registerKeywords: typeof import('./active-keywords.ts').registerKeywords;
  LANGUAGE_KEYWORDS: typeof import('./language-keywords.ts').LANGUAGE_KEYWORDS;
  pageLanguages: typeof import('./page-languages.ts').pageLanguages;
}

describe.concurrent('fixtures in real Chromium', () => {
  it.each(files)(
    '%s',
    async (file) => {
      const page = await open(file);
      try {
        const code = codeFor(file);
        const before = await inputValues(page);
        const result = await page.evaluate(async (code: string) => {
          const api = (window as unknown as { OtpAutofill: Bundle }).OtpAutofill;
          // The packs the extension would inject here, decided by the page alone (not the browser's languages).
          for (const language of api.pageLanguages(document, [])) {
            api.registerKeywords(language, api.LANGUAGE_KEYWORDS[language]);
          }
          // Only the parts the page asks for (autofill-parts.ts): a page whose shape the search missed would show.
          return (await api.fillAsTheBridgeDoes(document, code, { submit: false })).result;
        }, code);
        const { wrong, marked } = await fixtureOutcome(page, code, before);
        expect(wrong).toEqual([]);
        expect(result).toEqual(expectedAnswer(marked));
      } finally {
        await page.close();
      }
    },
    30_000,
  );
});
