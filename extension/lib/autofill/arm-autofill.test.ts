// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pageWith, sleep, type TestPage } from '../../test-kit/autofill-page.ts';
import { registerParts } from '../../test-kit/autofill-parts.ts';
import { type ArmOptions, armAutofill as armWatch } from './arm-autofill.ts';
import { autofillDocument } from './autofill-document.ts';
import { searchRoots } from './find-otp-fields.ts';

// Every part of the autofill script, as the background injects them where a page may need them.
beforeAll(() => registerParts());

/** The watch as autofill.js runs it (install-autofill-listener.ts): an auto-fill attempt, over searchRoots. */
function armAutofill(doc: Document, code: string, options: Omit<ArmOptions, 'roots'> & { submit: false }) {
  const fill = () => autofillDocument(doc, code, { submit: options.submit, keepTyped: true });
  return armWatch(doc, fill, { ...options, roots: searchRoots });
}

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
  it('fills at once when the field is already there', async () => {
    page = pageWith(CODE_STEP);
    const armed = armAutofill(page.doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000 });
    expect(await armed.result).toEqual({ ok: true, fields: 1 });
    expect((page.doc.getElementById('otp') as HTMLInputElement).value).toBe('407182');
  });

  it('fills the field an SPA renders after the code arrived, once', async () => {
    const doc = spaBeforeTheCodeStep();
    const onEnd = vi.fn();
    const armed = armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000, onEnd });
    expect((await armed.result).ok).toBe(false);

    (doc.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalledWith({ ok: true, fields: 1 }), { timeout: 10_000 });
    expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('407182');

    // Filled once: a later re-render of the step is the user's to fill, not ours.
    (doc.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    await sleep(250);
    expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('');
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('fills a field that was there but hidden once it is revealed', async () => {
    page = pageWith(`<div id="step" style="display:none">${CODE_STEP}</div>`);
    const { doc } = page;
    armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000 });
    (doc.getElementById('step') as HTMLElement).style.display = 'block';
    await vi.waitFor(() => expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('407182'), {
      timeout: 10_000,
    });
  });

  it('fills a field that appears inside an open shadow root', async () => {
    page = pageWith('<verify-step id="host"></verify-step>');
    const { doc } = page;
    const shadow = (doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000 });
    await sleep(150);
    shadow.innerHTML = CODE_STEP;
    await vi.waitFor(() => expect((shadow.getElementById('otp') as HTMLInputElement).value).toBe('407182'), {
      timeout: 10_000,
    });
  });

  it('stops watching when the code expires, and says no field appeared', async () => {
    const doc = spaBeforeTheCodeStep();
    const onEnd = vi.fn();
    armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 50, onEnd });
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalledExactlyOnceWith({ ok: false, reason: 'no-field' }));
    (doc.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    await sleep(250);
    expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('');
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('stops watching when told to (a newer code, the user filled by hand), without a report', async () => {
    const doc = spaBeforeTheCodeStep();
    const onEnd = vi.fn();
    const armed = armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 100, onEnd });
    armed.stop();
    armed.stop();
    (doc.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    await sleep(250);
    expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('');
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('leaves a field a person already typed in alone, and stops watching', async () => {
    const doc = spaBeforeTheCodeStep();
    const onEnd = vi.fn();
    armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000, onEnd });
    (doc.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    (doc.getElementById('otp') as HTMLInputElement).value = '40';
    await sleep(400);
    expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('40');
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalledWith({ ok: false, reason: 'typed' }));
    // The watch is over: a fresh, empty field later is the person's, not ours.
    (doc.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    await sleep(400);
    expect((doc.getElementById('otp') as HTMLInputElement).value).toBe('');
  });

  it('after a person edits the field it filled, never writes it again, whatever the page re-renders', async () => {
    page = pageWith(`<div id="app">${CODE_STEP}</div>`);
    const { doc } = page;
    const armed = armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000 });
    expect(await armed.result).toEqual({ ok: true, fields: 1 });
    const field = doc.getElementById('otp') as HTMLInputElement;
    field.value = '40718'; // Backspace
    for (let i = 0; i < 5; i++) {
      (doc.getElementById('app') as HTMLElement).setAttribute('class', `render-${i}`);
      await sleep(200);
    }
    expect(field.value).toBe('40718');
  });

  it('ends the watch after a fill that did not take (no re-fill loop on the mutations it causes)', async () => {
    const doc = spaBeforeTheCodeStep();
    const onEnd = vi.fn();
    armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000, onEnd });
    const app = doc.getElementById('app') as HTMLElement;
    app.innerHTML = CODE_STEP;
    // A page that rejects every write and re-renders on each input event.
    let inputs = 0;
    app.addEventListener('input', (event) => {
      inputs++;
      (event.target as HTMLInputElement).value = '';
      app.setAttribute('class', `render-${inputs}`);
    });
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalledWith({ ok: false, reason: 'not-accepted' }), {
      timeout: 10_000,
    });
    expect(onEnd).toHaveBeenCalledTimes(1);
    const afterOne = inputs;
    await sleep(600);
    expect(inputs).toBe(afterOne);
  });

  it('searches a page that mutates without end a few times a second at most', async () => {
    const doc = spaBeforeTheCodeStep();
    const app = doc.getElementById('app') as HTMLElement;
    const view = doc.defaultView as Window;
    let searches = 0;
    const original = doc.querySelectorAll.bind(doc);
    doc.querySelectorAll = ((selector: string) => {
      if (selector === 'input') searches++;
      return original(selector);
    }) as typeof doc.querySelectorAll;
    const armed = armAutofill(doc, '407182', { submit: false, expiresAtMs: Date.now() + 60_000 });
    const timer = view.setInterval(() => app.setAttribute('class', `tick-${Date.now()}`), 5);
    await sleep(1_000);
    view.clearInterval(timer);
    armed.stop();
    // One search per CHECK_DELAY_MS (150 ms) burst, plus the first: about 7 in a second, never one per mutation.
    expect(searches).toBeGreaterThan(2);
    expect(searches).toBeLessThanOrEqual(9);
  });
});
