// @vitest-environment happy-dom

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearParts, registerParts } from '../test-kit/autofill-parts.ts';
import { registerKeywords, resetKeywords } from './autofill/active-keywords.ts';
import type { PartName } from './autofill/autofill-parts.ts';
import { LANGUAGE_KEYWORDS, type Language } from './autofill/language-keywords.ts';
import { pageLanguages } from './autofill/page-languages.ts';
import { AUTOFILL_SCRIPT_FILE, PART_FILES, sendToContentScript } from './content-bridge.ts';
import { installAutofillListener } from './install-autofill-listener.ts';
import type { ContentRequest, FillResponse } from './messages.ts';

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

/**
 * The bridge and the autofill script together, in this environment's page (http://localhost:3000): the tab's
 * frame is this document, `scripting.executeScript` "injects" a file by running what it would run here (the
 * listener for autofill.js, a part's entrypoint for its file), and `tabs.sendMessage` reaches the listener.
 * What a user notices: the code lands where it belongs, and a page gets only the parts its shape needs.
 */
const TAB_ID = 7;
const PART_OF = Object.fromEntries(Object.entries(PART_FILES).map(([part, file]) => [file, part])) as Record<
  string,
  PartName
>;
let injected: string[][] = [];
let uninstall: (() => void) | undefined;
let probe: () => unknown = () => pageLanguages(document, []);

function injectIntoThisPage(): void {
  vi.spyOn(browser.scripting, 'executeScript').mockImplementation((async (injection: {
    files?: string[];
    func?: unknown;
  }) => {
    // The language probe is a function the background runs in the page: here, with this browser's languages
    // left out (English), as if the page alone decided.
    if (injection.func) return [{ frameId: 0, documentId: 'd', result: probe() }];
    const files = injection.files ?? [];
    injected.push(files);
    for (const file of files) {
      const language = /^\/autofill-lang-([a-z]{2})\.js$/.exec(file)?.[1] as Language | undefined;
      if (file === AUTOFILL_SCRIPT_FILE) uninstall = installAutofillListener();
      else if (PART_OF[file]) registerParts([PART_OF[file]]);
      else if (language) registerKeywords(language, LANGUAGE_KEYWORDS[language]);
      else throw new Error(`Could not load file: '${file}'.`);
    }
    return [];
  }) as never);
  vi.spyOn(browser.tabs, 'sendMessage').mockImplementation((async (_tabId: number, message: unknown) => {
    if (!uninstall) throw new Error('Could not establish connection. Receiving end does not exist.');
    let resolve: (response: FillResponse) => void = () => {};
    const answer = new Promise<FillResponse>((r) => {
      resolve = r;
    });
    await fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id }, resolve);
    return answer;
  }) as never);
}

const fill = (code = '407182'): ContentRequest => ({
  type: 'otp-relay/fill',
  code,
  origin: location.origin,
  submit: false,
});

const boxes = (count: number) =>
  `<div role="group" aria-label="Verification code">${'<input maxlength="1" inputmode="numeric">'.repeat(count)}</div>`;

beforeEach(() => {
  fakeBrowser.reset();
  clearParts();
  resetKeywords();
  probe = () => pageLanguages(document, []);
  injected = [];
  injectIntoThisPage();
});

afterEach(() => {
  uninstall?.();
  uninstall = undefined;
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
  vi.restoreAllMocks();
});

describe('sendToContentScript and the parts a page asks for', () => {
  it('fills a plain code field with autofill.js alone', async () => {
    document.body.innerHTML = '<h2>Enter the verification code</h2><input id="otp" autocomplete="one-time-code">';
    expect(await sendToContentScript(TAB_ID, fill())).toEqual({ ok: true, fields: 1 });
    expect((document.getElementById('otp') as HTMLInputElement).value).toBe('407182');
    expect(injected).toEqual([[AUTOFILL_SCRIPT_FILE]]);
  });

  it('fills split boxes after injecting the split part the page asked for', async () => {
    document.body.innerHTML = `<h2>Enter the verification code</h2>${boxes(6)}`;
    expect(await sendToContentScript(TAB_ID, fill())).toEqual({ ok: true, fields: 6 });
    expect([...document.querySelectorAll('input')].map((box) => box.value).join('')).toBe('407182');
    expect(injected).toEqual([[AUTOFILL_SCRIPT_FILE], [PART_FILES.split]]);
  });

  it.each([
    ['in a labelled group', boxes(6)],
    ['straight in the shadow root', '<input maxlength="1" inputmode="numeric">'.repeat(6)],
  ])(
    'enters a shadow root first, then fills the split boxes inside it (%s): a round per part',
    async (_name, inner) => {
      document.body.innerHTML = '<h2>Enter the verification code</h2><otp-boxes id="host"></otp-boxes>';
      const root = (document.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
      root.innerHTML = inner;
      expect(await sendToContentScript(TAB_ID, fill())).toEqual({ ok: true, fields: 6 });
      expect([...root.querySelectorAll('input')].map((box) => box.value).join('')).toBe('407182');
      expect(injected).toEqual([[AUTOFILL_SCRIPT_FILE], [PART_FILES.roots], [PART_FILES.split]]);
    },
  );

  it('asks for nothing again on a second Fill: the parts stay in the frame', async () => {
    document.body.innerHTML = `<h2>Enter the verification code</h2>${boxes(6)}`;
    await sendToContentScript(TAB_ID, fill());
    for (const box of document.querySelectorAll('input')) box.value = '';
    expect(await sendToContentScript(TAB_ID, fill('918273'))).toEqual({ ok: true, fields: 6 });
    expect(injected).toEqual([[AUTOFILL_SCRIPT_FILE], [PART_FILES.split]]);
  });

  it('says no-field where a page has four text fields but no code field, and fills none of them', async () => {
    document.body.innerHTML =
      '<form><input name="street"><input name="city"><input name="zip"><input name="name"></form>';
    expect(await sendToContentScript(TAB_ID, fill())).toEqual({ ok: false, reason: 'no-field' });
    // (Four fillable text inputs may be boxes: the split part comes, finds no group, and nothing is filled.)
    expect(injected).toEqual([[AUTOFILL_SCRIPT_FILE], [PART_FILES.split]]);
    expect([...document.querySelectorAll('input')].every((input) => input.value === '')).toBe(true);
  });

  it('injects the language pack of a Spanish page before autofill.js, and fills a field only Spanish names', async () => {
    document.documentElement.lang = 'es';
    document.body.innerHTML =
      '<p>¿No recibiste nada?</p><label for="c">Código de verificación</label><input id="c" inputmode="numeric">';
    expect(await sendToContentScript(TAB_ID, fill())).toEqual({ ok: true, fields: 1 });
    expect(injected).toEqual([['/autofill-lang-es.js', AUTOFILL_SCRIPT_FILE]]);
    expect(browser.scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: TAB_ID, frameIds: [0] },
      func: pageLanguages,
    });
  });

  it.each<[string, () => unknown]>([
    [
      'a probe that fails (the page refused it)',
      () => {
        throw new Error('Cannot access contents of the page');
      },
    ],
    ['a probe answering no list', () => 'es'],
    ['a probe answering what is no language', () => [42, 'ES', 'e', 'esp', '../background', null]],
    ['a probe answering lists in its list', () => [['es'], ['p', 't']]],
  ])('fills an English page with autofill.js alone after %s', async (_name, answer) => {
    probe = answer;
    document.body.innerHTML = '<h2>Enter the verification code</h2><input id="otp" autocomplete="one-time-code">';
    expect(await sendToContentScript(TAB_ID, fill())).toEqual({ ok: true, fields: 1 });
    expect(injected).toEqual([[AUTOFILL_SCRIPT_FILE]]);
  });

  it('sends every request, the second round too, to the top frame only', async () => {
    document.body.innerHTML = `<h2>Enter the verification code</h2>${boxes(6)}`;
    await sendToContentScript(TAB_ID, fill());
    const sends = vi.mocked(browser.tabs.sendMessage).mock.calls;
    expect(sends).toHaveLength(3);
    for (const call of sends) expect(call).toEqual([TAB_ID, fill(), { frameId: 0 }]);
  });

  it('injects a request’s part with autofill.js when injecting it alone failed (a page with no script yet)', async () => {
    document.body.innerHTML =
      '<form><label for="c">Verification code</label><input id="c"><button>Verify</button></form>';
    const inject = vi.mocked(browser.scripting.executeScript);
    inject.mockRejectedValueOnce(new Error('Frame with ID 0 is showing error page'));
    expect(await sendToContentScript(TAB_ID, { ...fill(), submit: true })).toEqual({ ok: true, fields: 1 });
    expect(injected).toEqual([[PART_FILES.submit, AUTOFILL_SCRIPT_FILE]]);
  });

  it('injects the watch and every shape part with an arm, before sending it', async () => {
    document.body.innerHTML = '<div id="app"><button>Send code</button></div>';
    const arm: ContentRequest = { ...fill(), type: 'otp-relay/arm', expiresAtMs: Date.now() + 60_000 };
    expect(await sendToContentScript(TAB_ID, arm)).toEqual({ ok: false, reason: 'armed' });
    expect(injected[0]).toEqual([PART_FILES.arm, PART_FILES.roots, PART_FILES.slots, PART_FILES.split]);
  });
});

describe('sendToContentScript when the script keeps asking', () => {
  function answers(...responses: unknown[]) {
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    for (const response of responses) send.mockResolvedValueOnce(response as never);
    return send;
  }

  it('injects a part once, and answers no-field to a script that asks for it again', async () => {
    const needsSplit = { ok: false, reason: 'needs-parts', parts: ['split'] };
    const send = answers(needsSplit, needsSplit, needsSplit);
    expect(await sendToContentScript(TAB_ID, fill())).toEqual({ ok: false, reason: 'no-field' });
    expect(send).toHaveBeenCalledTimes(2);
    expect(injected).toEqual([[PART_FILES.split]]);
  });

  it('stops after a round per shape part', async () => {
    const send = answers(
      { ok: false, reason: 'needs-parts', parts: ['roots'] },
      { ok: false, reason: 'needs-parts', parts: ['slots'] },
      { ok: false, reason: 'needs-parts', parts: ['split'] },
      { ok: false, reason: 'needs-parts', parts: ['roots', 'slots', 'split'] },
    );
    expect(await sendToContentScript(TAB_ID, fill())).toEqual({ ok: false, reason: 'no-field' });
    expect(send).toHaveBeenCalledTimes(4);
    expect(injected).toEqual([[PART_FILES.roots], [PART_FILES.slots], [PART_FILES.split]]);
  });

  it.each([
    ['a part that does not exist', { ok: false, reason: 'needs-parts', parts: ['../background'] }],
    ['a request part (those come with the request)', { ok: false, reason: 'needs-parts', parts: ['submit'] }],
    ['no part at all', { ok: false, reason: 'needs-parts', parts: [] }],
  ])('refuses an answer naming %s, injecting nothing', async (_name, response) => {
    answers(response);
    expect(await sendToContentScript(TAB_ID, fill())).toEqual({ ok: false, reason: 'bad-request' });
    expect(injected).toEqual([]);
  });

  it('answers unreachable when the tab went away between rounds', async () => {
    answers({ ok: false, reason: 'needs-parts', parts: ['split'] }).mockRejectedValueOnce(new Error('No tab with id'));
    expect(await sendToContentScript(TAB_ID, fill())).toEqual({ ok: false, reason: 'unreachable' });
  });
});
