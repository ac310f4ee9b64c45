// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pageWith, sleep, TEST_ORIGIN, type TestPage, usePageLanguages } from '../../test-kit/autofill-page.ts';
import { registerParts } from '../../test-kit/autofill-parts.ts';
import { autofillDocument, isExactOrigin } from './autofill-document.ts';
import { PART_KIT } from './part-kit.ts';
import { submitForm } from './submit-form.ts';

// Every part of the autofill script, as the background injects them where a page may need them.
beforeAll(() => registerParts());

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

const FIELD = '<label for="otp">Verification code</label><input id="otp" autocomplete="one-time-code">';

/** Records which buttons were pressed and whether the form fired `submit`, without navigating. */
function record(doc: Document): string[] {
  const pressed: string[] = [];
  for (const button of doc.querySelectorAll('button, [role=button]')) {
    button.addEventListener('click', (event) => {
      pressed.push(`click:${button.textContent?.trim()}`);
      event.preventDefault();
    });
  }
  doc.querySelector('form')?.addEventListener('submit', (event) => {
    pressed.push('submit');
    event.preventDefault();
  });
  return pressed;
}

describe('submit after fill', () => {
  it.each([
    ['a form, submit off', `<form>${FIELD}<button>Verify</button></form>`, false, []],
    [
      'a form: its submit button, never the resend button before it',
      `<form>${FIELD}<button type="button">Resend code</button><button type="submit">Verify</button></form>`,
      true,
      ['click:Verify'],
    ],
    ['a form without buttons: requestSubmit', `<form>${FIELD}</form>`, true, ['submit']],
    [
      'a form whose submit button is still disabled: requestSubmit',
      `<form>${FIELD}<button type="submit" disabled>Verify</button></form>`,
      true,
      ['submit'],
    ],
    [
      'no form (SPA): the nearby button that says verify, not the one that says resend',
      `<div class="card"><div>${FIELD}</div><div role="button">Resend code</div><div role="button">Verify</div></div>`,
      true,
      ['click:Verify'],
    ],
    [
      'no form, Chinese buttons',
      `<div>${FIELD}<button>重新发送</button><button>确认</button></div>`,
      true,
      ['click:确认'],
    ],
    ['no form and no verify button: nothing', `<div>${FIELD}<button>Resend code</button></div>`, true, []],
  ])('%s', async (_name, html, submit, expected) => {
    page = pageWith(html);
    usePageLanguages(page.doc);
    const pressed = record(page.doc);
    const submitter = submit && ((input: HTMLInputElement) => submitForm(input, PART_KIT));
    expect((await autofillDocument(page.doc, '407182', { submit: submitter })).ok).toBe(true);
    expect(pressed).toEqual([]); // never before the page had a task to re-render
    await sleep(20);
    expect(pressed).toEqual(expected);
  });
});

describe('isExactOrigin', () => {
  it.each([
    [TEST_ORIGIN, TEST_ORIGIN, true],
    ['http://localhost:8787', 'http://localhost:8787', true],
    ['http://localhost:8787', 'http://localhost:8788', false],
    ['http://localhost:8787', 'http://127.0.0.1:8787', false],
    ['https://seller.example.com', 'http://seller.example.com', false],
    ['https://example.com', 'https://seller.example.com', false],
    ['https://seller.example.com', 'https://seller.example.com.evil.test', false],
    ['https://seller.example.com', 'https://seller.example.com/', false],
    ['null', 'null', false],
    ['', '', false],
  ])('code for %s on page %s → %s', (codeOrigin, pageOrigin, expected) => {
    expect(isExactOrigin(codeOrigin, pageOrigin)).toBe(expected);
  });
});
