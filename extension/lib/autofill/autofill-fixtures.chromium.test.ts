import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, FIXTURES_DIR, TEST_ORIGIN } from '../../test-kit/autofill-page.ts';
import { bundleForPage, launchChromium } from '../../test-kit/chromium-bundle.ts';

/**
 * The same fixtures in real Chromium, where there IS layout: the geometry half of isFillable (rects,
 * off-screen, checkVisibility), real declarative shadow DOM, real srcdoc frames, and a real cross-origin
 * frame served from another origin whose code field must stay empty. Pages are served by request
 * interception at TEST_ORIGIN; the autofill module is bundled and run in the page.
 */
const CROSS_ORIGIN_FRAME =
  '<!doctype html><form><label for="o">Verification code</label><input id="o" autocomplete="one-time-code"></form>';
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
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    const body = url.origin === TEST_ORIGIN ? readFileSync(join(FIXTURES_DIR, file), 'utf8') : CROSS_ORIGIN_FRAME;
    void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  await page.goto(`${TEST_ORIGIN}/verify`, { waitUntil: 'load' });
  await page.addScriptTag({ content: bundle });
  return page;
}

interface Bundle {
  fillAsTheBridgeDoes: typeof import('../../test-kit/autofill-parts.ts').fillAsTheBridgeDoes;
  registerKeywords: typeof import('./active-keywords.ts').registerKeywords;
  LANGUAGE_KEYWORDS: typeof import('./language-keywords.ts').LANGUAGE_KEYWORDS;
  pageLanguages: typeof import('./page-languages.ts').pageLanguages;
}

interface PageOutcome {
  result: Awaited<ReturnType<Bundle['fillAsTheBridgeDoes']>>['result'];
  wrong: string[];
  marked: number;
}

describe.concurrent('fixtures in real Chromium', () => {
  it.each(files)(
    '%s',
    async (file) => {
      const page = await open(file);
      try {
        const code = codeFor(file);
        const outcome = await page.evaluate(async (code: string): Promise<PageOutcome> => {
          const inputs: HTMLInputElement[] = [];
          const walk = (root: Document | ShadowRoot) => {
            for (const element of root.querySelectorAll('*')) {
              if (element instanceof HTMLInputElement || element.localName === 'input')
                inputs.push(element as HTMLInputElement);
              if (element.shadowRoot) walk(element.shadowRoot);
              const frameDoc = element.localName === 'iframe' ? (element as HTMLIFrameElement).contentDocument : null;
              if (frameDoc) walk(frameDoc);
            }
          };
          walk(document);
          const before = inputs.map((input) => input.value);
          const api = (window as unknown as { OtpAutofill: Bundle }).OtpAutofill;
          // The packs the extension would inject here, decided by the page alone (not the browser's languages).
          for (const language of api.pageLanguages(document, [])) {
            api.registerKeywords(language, api.LANGUAGE_KEYWORDS[language]);
          }
          // Only the parts the page asks for (autofill-parts.ts): a page whose shape the search missed would show.
          const { result } = await api.fillAsTheBridgeDoes(document, code, { submit: false });
          const wrong: string[] = [];
          inputs.forEach((input, index) => {
            const mark = input.getAttribute('data-expect');
            const expected = mark === null ? before[index] : mark === 'code' ? code : code[Number(mark)];
            if (input.value !== expected) wrong.push(`${input.outerHTML.slice(0, 100)} = ${input.value}`);
          });
          return { result, wrong, marked: inputs.filter((input) => input.hasAttribute('data-expect')).length };
        }, code);
        expect(outcome.wrong).toEqual([]);
        expect(outcome.result).toEqual(
          outcome.marked > 0 ? { ok: true, fields: outcome.marked } : { ok: false, reason: 'no-field' },
        );
        for (const frame of page.frames()) {
          if (new URL(frame.url()).origin === 'https://acs.bank.example') {
            expect(await frame.$eval('#o', (input) => (input as HTMLInputElement).value)).toBe('');
          }
        }
      } finally {
        await page.close();
      }
    },
    30_000,
  );
});
