import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, FIXTURES_DIR, TEST_ORIGIN } from '../../extension/test-kit/autofill-page.ts';
import { bundleForPage, launchChromium } from '../../extension/test-kit/chromium-bundle.ts';
import {
  expectedAnswer,
  fixtureOutcome,
  inputValues,
  openFixture,
} from '../../extension/test-kit/chromium-fixtures.ts';
import { EXTENSION_PATH } from '../harness/browser.ts';

/**
 * The injected scripts exactly as the build ships them (extension/.output/chrome-mv3: terser, renamed
 * properties, the bare entry, `chrome` for WXT's browser), on every autofill fixture in real Chromium, driven
 * the way lib/content-bridge.ts drives them: the page's language packs and autofill.js first, then a Fill
 * request to its listener, and for each `needs-parts` answer the part files it names, then the request again.
 * The source modules are tested on the same fixtures (extension/lib/autofill/*.test.ts); this is what the build
 * made of them, parts and all: a name renamed in one file and not in another would show here. The page's own
 * `chrome` stands in for the extension's runtime (the one thing a plain page lacks), and the scripts run in the
 * page's world instead of an isolated one.
 */
const RUNTIME_ID = 'otp-relay-built-scripts';
const fixtures = readdirSync(FIXTURES_DIR).filter((file) => file.endsWith('.html'));
const built = (file: string) => readFileSync(join(EXTENSION_PATH, file), 'utf8');

let browser: Browser;
let probe: string;

beforeAll(async () => {
  // The background's language probe (lib/autofill/page-languages.ts), which it runs in the page as a function.
  probe = await bundleForPage(
    ["export { pageLanguages } from './page-languages.ts';"],
    join(import.meta.dirname, '../../extension/lib/autofill'),
    'OtpProbe',
  );
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function open(file: string): Promise<Page> {
  const page = await openFixture(browser, file);
  await page.evaluate((id: string) => {
    const listeners: unknown[] = [];
    const runtime = {
      id,
      onMessage: {
        addListener: (listener: unknown) => listeners.push(listener),
        removeListener: (listener: unknown) => listeners.splice(listeners.indexOf(listener), 1),
      },
    };
    Object.defineProperty(window, 'chrome', { value: { runtime }, configurable: true });
    Object.defineProperty(window, 'otpListeners', { value: listeners });
  }, RUNTIME_ID);
  return page;
}

/** What the listener answers to `request` (it answers later, through sendResponse). */
function ask(page: Page, request: object): Promise<{ ok: boolean; reason?: string; parts?: string[] }> {
  return page.evaluate(
    (message: object, id: string) =>
      new Promise<{ ok: boolean; reason?: string; parts?: string[] }>((resolve) => {
        const [listener] = (window as unknown as { otpListeners: Array<(...args: unknown[]) => unknown> }).otpListeners;
        listener?.(message, { id }, resolve);
      }),
    request,
    RUNTIME_ID,
  );
}

describe.concurrent('the built autofill scripts, as the background injects them', () => {
  it.each(fixtures)(
    '%s',
    async (file) => {
      const page = await open(file);
      try {
        await page.addScriptTag({ content: probe });
        const languages = await page.evaluate(() =>
          (
            window as unknown as { OtpProbe: { pageLanguages: (d: Document, b: string[]) => string[] } }
          ).OtpProbe.pageLanguages(document, []),
        );
        for (const language of languages) await page.addScriptTag({ content: built(`autofill-lang-${language}.js`) });
        await page.addScriptTag({ content: built('autofill.js') });
        const before = await inputValues(page);
        const code = codeFor(file);
        const request = { type: 'otp-relay/fill', code, origin: TEST_ORIGIN, submit: false };
        let answer = await ask(page, request);
        const asked: string[] = [];
        for (let round = 0; round < 3 && answer.reason === 'needs-parts'; round++) {
          for (const part of answer.parts ?? []) {
            asked.push(part);
            await page.addScriptTag({ content: built(`autofill-${part}.js`) });
          }
          answer = await ask(page, request);
        }
        const { wrong, marked } = await fixtureOutcome(page, code, before);
        expect(wrong).toEqual([]);
        expect(answer).toEqual(expectedAnswer(marked));
        // Each part is asked for once at most: once injected, the search has it.
        expect(new Set(asked).size).toBe(asked.length);
      } finally {
        await page.close();
      }
    },
    30_000,
  );
});
