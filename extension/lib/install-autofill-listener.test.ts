// @vitest-environment happy-dom

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sleep } from '../test-kit/autofill-page.ts';
import { clearParts, registerParts } from '../test-kit/autofill-parts.ts';
import type { PartName } from './autofill/autofill-parts.ts';
import { frameGlobal } from './autofill/frame-global.ts';
import { installAutofillListener } from './install-autofill-listener.ts';
import type { FillResponse } from './messages.ts';

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

/**
 * The injected autofill script's wiring, with WXT's fake browser: requests are checked by hand, refused
 * off-origin, filled through autofillDocument, armed through armAutofill, and a second copy of the script in
 * the same frame never answers (or fills) twice. This runs in the environment's page (origin
 * http://localhost:3000).
 */
const ORIGIN = location.origin;
const FROM_US = { id: fakeBrowser.runtime.id };
let installed: (() => void)[] = [];

function start(): () => void {
  const uninstall = installAutofillListener();
  installed.push(uninstall);
  return uninstall;
}

/** What the listeners answered; a listener that returned `true` (Chrome's "I answer later") is waited for. */
async function send(message: unknown, sender: { id?: string } = FROM_US): Promise<FillResponse[]> {
  const responses: FillResponse[] = [];
  let answered = () => {};
  const answer = new Promise<void>((resolve) => {
    answered = resolve;
  });
  const results: unknown[] = await fakeBrowser.runtime.onMessage.trigger(message, sender, (response: FillResponse) => {
    responses.push(response);
    answered();
  });
  if (results.includes(true) && responses.length === 0) await answer;
  return responses;
}

function otpField(): HTMLInputElement {
  return document.getElementById('otp') as HTMLInputElement;
}

const CODE_STEP = '<h2>Enter the verification code</h2><input id="otp" autocomplete="one-time-code">';
const fill = (extra: object = {}) => ({
  type: 'otp-relay/fill',
  code: '407182',
  origin: ORIGIN,
  submit: false,
  ...extra,
});

beforeEach(() => {
  document.body.innerHTML = CODE_STEP;
  // The parts content-bridge.ts injects beside the script for arm requests and submit-after-fill.
  registerParts();
});

afterEach(() => {
  for (const uninstall of installed) uninstall();
  installed = [];
  vi.restoreAllMocks();
  fakeBrowser.reset();
  document.body.innerHTML = '';
  clearParts();
});

describe('installAutofillListener', () => {
  it('fills on a request for exactly this origin', async () => {
    start();
    expect(await send(fill())).toEqual([{ ok: true, fields: 1 }]);
    expect(otpField().value).toBe('407182');
  });

  it('fills a letter-and-digit code (found by the relay in an email)', async () => {
    start();
    expect(await send(fill({ code: 'K7Q2ZP' }))).toEqual([{ ok: true, fields: 1 }]);
    expect(otpField().value).toBe('K7Q2ZP');
  });

  it.each([
    ['another port', 'http://localhost:3001'],
    ['another host for the same machine', ORIGIN.replace('localhost', '127.0.0.1')],
    ['https instead of http', ORIGIN.replace('http:', 'https:')],
    ['a trailing slash', `${ORIGIN}/`],
  ])('refuses a code for %s', async (_name, origin) => {
    start();
    expect(await send(fill({ origin }))).toEqual([{ ok: false, reason: 'wrong-origin' }]);
    expect(otpField().value).toBe('');
  });

  it.each([
    ['a code with punctuation', fill({ code: '407-18a' })],
    ['an 11-character code', fill({ code: '4071824071a' })],
    ['a 3-digit code', fill({ code: '407' })],
    ['an unknown type', fill({ type: 'otp-relay/steal' })],
    ['an arm request without expiry', fill({ type: 'otp-relay/arm' })],
    ['not an object', 'fill 407182'],
  ])('answers bad-request to %s', async (_name, message) => {
    start();
    expect(await send(message)).toEqual([{ ok: false, reason: 'bad-request' }]);
    expect(otpField().value).toBe('');
  });

  it('answers bad-request to another extension', async () => {
    start();
    expect(await send(fill(), { id: 'some-other-extension' })).toEqual([{ ok: false, reason: 'bad-request' }]);
  });

  it('submits after the fill through the submit part, when the request asks for it', async () => {
    document.body.innerHTML = `<form>${CODE_STEP}<button type="submit">Verify</button></form>`;
    const submitted = vi.fn((event: Event) => event.preventDefault());
    document.querySelector('form')?.addEventListener('submit', submitted);
    start();
    expect(await send(fill({ submit: true }))).toEqual([{ ok: true, fields: 1 }]);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalledTimes(1));
  });

  it.each([
    [
      'an arm, without the auto-fill watch part',
      'arm',
      fill({ type: 'otp-relay/arm', expiresAtMs: Date.now() + 60_000 }),
    ],
    ['a fill that submits, without the submit part', 'submit', fill({ submit: true })],
  ])('refuses %s (content-bridge.ts injects it first), and fills nothing', async (_name, part, request) => {
    delete frameGlobal().parts?.[part as PartName];
    start();
    expect(await send(request)).toEqual([{ ok: false, reason: 'bad-request' }]);
    expect(otpField().value).toBe('');
  });

  it('says no-field when there is no code field', async () => {
    document.body.innerHTML = '<input type="search" name="q">';
    start();
    expect(await send(fill())).toEqual([{ ok: false, reason: 'no-field' }]);
  });

  it('arms for a field that appears later, and fills it', async () => {
    document.body.innerHTML = '<div id="app"><button>Send code</button></div>';
    start();
    const arm = fill({ type: 'otp-relay/arm', expiresAtMs: Date.now() + 60_000 });
    expect(await send(arm)).toEqual([{ ok: false, reason: 'armed' }]);
    (document.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    await vi.waitFor(() => expect(otpField().value).toBe('407182'), { timeout: 10_000 });
  });

  it('tells the background how an arm that answered "armed" ended: the fill, or no field before expiry', async () => {
    const reports = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue(undefined as never);
    document.body.innerHTML = '<div id="app"><button>Send code</button></div>';
    start();
    expect(await send(fill({ type: 'otp-relay/arm', expiresAtMs: Date.now() + 60_000 }))).toEqual([
      { ok: false, reason: 'armed' },
    ]);
    expect(reports).not.toHaveBeenCalled();
    (document.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    await vi.waitFor(() =>
      expect(reports).toHaveBeenCalledExactlyOnceWith({ type: 'otp-relay/auto-fill-report', ok: true, fields: 1 }),
    );

    reports.mockClear();
    document.body.innerHTML = '<div id="app"></div>';
    expect(await send(fill({ type: 'otp-relay/arm', expiresAtMs: Date.now() + 100 }))).toEqual([
      { ok: false, reason: 'armed' },
    ]);
    await vi.waitFor(() =>
      expect(reports).toHaveBeenCalledExactlyOnceWith({
        type: 'otp-relay/auto-fill-report',
        ok: false,
        reason: 'no-field',
      }),
    );
  });

  it('fills at once when armed and the field is there; refuses an expired arm', async () => {
    start();
    expect(await send(fill({ type: 'otp-relay/arm', expiresAtMs: Date.now() - 1 }))).toEqual([
      { ok: false, reason: 'no-field' },
    ]);
    expect(await send(fill({ type: 'otp-relay/arm', expiresAtMs: Date.now() + 60_000 }))).toEqual([
      { ok: true, fields: 1 },
    ]);
  });

  it('answers once when injected twice into the same frame: the newer copy replaces the older', async () => {
    start();
    start();
    start();
    expect(await send(fill())).toEqual([{ ok: true, fields: 1 }]);
  });

  it('a newer copy stops the older copy’s watch, so a late field is filled once, by the newer request', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    start();
    expect(await send(fill({ type: 'otp-relay/arm', code: '111111', expiresAtMs: Date.now() + 60_000 }))).toEqual([
      { ok: false, reason: 'armed' },
    ]);
    start();
    expect(await send(fill({ type: 'otp-relay/arm', expiresAtMs: Date.now() + 60_000 }))).toEqual([
      { ok: false, reason: 'armed' },
    ]);
    const seen: string[] = [];
    (document.getElementById('app') as HTMLElement).innerHTML = CODE_STEP;
    otpField().addEventListener('change', () => seen.push(otpField().value));
    // One fill's change, then a beat more in which a second one (from the other listener) would come.
    await vi.waitFor(() => expect(seen).toEqual(['407182']), { timeout: 10_000 });
    await sleep(250);
    expect(seen).toEqual(['407182']);
  });

  it('stops listening when uninstalled', async () => {
    const uninstall = start();
    uninstall();
    expect(await send(fill())).toEqual([]);
    expect(otpField().value).toBe('');
  });
});
