import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { FIXTURES_DIR, TEST_ORIGIN } from './autofill-page.ts';

/*
 * The autofill fixtures in real Chromium, for the suites that fill them there (the source modules bundled,
 * autofill-fixtures.chromium.test.ts; the built scripts, test/flows/autofill-built-scripts.test.ts): the page
 * served at TEST_ORIGIN, what its inputs hold, and what the fill should have left in them.
 */

/** What a cross-origin frame of a fixture loads (served from any origin but TEST_ORIGIN): its field stays empty. */
const CROSS_ORIGIN_FRAME =
  '<!doctype html><form><label for="o">Verification code</label><input id="o" autocomplete="one-time-code"></form>';

/** A new page showing `file` at TEST_ORIGIN/verify, loaded. */
export async function openFixture(browser: Browser, file: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    const body = url.origin === TEST_ORIGIN ? readFileSync(join(FIXTURES_DIR, file), 'utf8') : CROSS_ORIGIN_FRAME;
    void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  await page.goto(`${TEST_ORIGIN}/verify`, { waitUntil: 'load' });
  return page;
}

/** Every input's value, through open shadow roots and same-origin frames, in document order. */
export function inputValues(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const values: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.localName === 'input') values.push((element as HTMLInputElement).value);
        if (element.shadowRoot) walk(element.shadowRoot);
        const frameDoc = element.localName === 'iframe' ? (element as HTMLIFrameElement).contentDocument : null;
        if (frameDoc) walk(frameDoc);
      }
    };
    walk(document);
    return values;
  });
}

/**
 * After a fill of `code`: the inputs that do not hold what the fixture marks (`data-expect="code"`, or "N" for
 * character N of a split box; every other input what it held `before`), and how many inputs are marked.
 */
export async function fixtureOutcome(
  page: Page,
  code: string,
  before: string[],
): Promise<{ wrong: string[]; marked: number }> {
  const outcome = await page.evaluate(
    (code: string, before: string[]) => {
      const inputs: HTMLInputElement[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const element of root.querySelectorAll('*')) {
          if (element.localName === 'input') inputs.push(element as HTMLInputElement);
          if (element.shadowRoot) walk(element.shadowRoot);
          const frameDoc = element.localName === 'iframe' ? (element as HTMLIFrameElement).contentDocument : null;
          if (frameDoc) walk(frameDoc);
        }
      };
      walk(document);
      const wrong: string[] = [];
      inputs.forEach((input, index) => {
        const mark = input.getAttribute('data-expect');
        const expected = mark === null ? before[index] : mark === 'code' ? code : code[Number(mark)];
        if (input.value !== expected) wrong.push(`${input.outerHTML.slice(0, 100)} = ${input.value}`);
      });
      return { wrong, marked: inputs.filter((input) => input.hasAttribute('data-expect')).length };
    },
    code,
    before,
  );
  // A cross-origin frame's field is out of the page's reach: read it through its own frame.
  for (const frame of page.frames()) {
    const url = new URL(frame.url());
    if (url.protocol === 'https:' && url.origin !== TEST_ORIGIN) {
      const value = await frame.$eval('#o', (input) => (input as HTMLInputElement).value).catch(() => '');
      if (value !== '') outcome.wrong.push(`cross-origin frame ${frame.url()}: #o = ${value}`);
    }
  }
  return outcome;
}

/** What the fill must answer for a fixture with `marked` marked inputs. */
export function expectedAnswer(marked: number): object {
  return marked > 0 ? { ok: true, fields: marked } : { ok: false, reason: 'no-field' };
}
