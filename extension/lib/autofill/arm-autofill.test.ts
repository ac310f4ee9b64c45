// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { armAutofill } from './arm-autofill.ts';
import { pageWith, sleep, type TestPage } from './test-page.ts';

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

const CODE_STEP =
  '<h2>Enter the verification code</h2><input id="otp" autocomplete="one-time-code" inputmode="numeric">';

function spaBeforeTheCodeStep(): Document {
  page = pageWith('<div id="app"><h2>Log in</h2><input type="email" name="email"><button>Send code</button></div>');
  return page.doc;
}

describe('armAutofill', () => {
  it('fills at once when the field is already there', () => {
    page = pageWith(CODE_STEP);
    const armed = armAutofill(page.doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000 });
    expect(armed.result).toEqual({ ok: true, fields: 1 });
    expect((page.doc.getElementById('otp') as HTMLInputElement).value).toBe('407182');
  });

  it('fills the field an SPA renders after the code arrived, once', async () => {
    const doc = spaBeforeTheCodeStep();
    const onFilled = vi.fn();
    const armed = armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000, onFilled });
    expect(armed.result.ok).toBe(false);

    (doc.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    await sleep(250);
    expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('407182');
    expect(onFilled).toHaveBeenCalledWith({ ok: true, fields: 1 });

    // Filled once: a later re-render of the step is the user's to fill, not ours.
    (doc.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    await sleep(250);
    expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('');
    expect(onFilled).toHaveBeenCalledTimes(1);
  });

  it('fills a field that was there but hidden once it is revealed', async () => {
    page = pageWith(`<div id="step" style="display:none">${CODE_STEP}</div>`);
    const { doc } = page;
    armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000 });
    (doc.getElementById('step') as HTMLElement).style.display = 'block';
    await sleep(250);
    expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('407182');
  });

  it('fills a field that appears inside an open shadow root', async () => {
    page = pageWith('<verify-step id="host"></verify-step>');
    const { doc } = page;
    const shadow = (doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000 });
    await sleep(150);
    shadow.innerHTML = CODE_STEP;
    await sleep(250);
    expect((shadow.getElementById('otp') as HTMLInputElement).value).toBe('407182');
  });

  it('stops watching when the code expires', async () => {
    const doc = spaBeforeTheCodeStep();
    armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 50 });
    await sleep(120);
    (doc.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    await sleep(250);
    expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('');
  });

  it('stops watching when told to (a newer code, the user filled by hand)', async () => {
    const doc = spaBeforeTheCodeStep();
    const armed = armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000 });
    armed.stop();
    armed.stop();
    (doc.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    await sleep(250);
    expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('');
  });
});
