import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  AUTO_FILL_OUTCOMES_KEY,
  AUTO_FILL_OUTCOMES_SIZE,
  AutoFillOutcomes,
  describeAutoFill,
  parseAutoFillOutcomes,
} from './auto-fill-outcomes.ts';
import { messageId } from './testing/relay-events.ts';

const ID = 'fbgjdlhgdabmablalfapjeklgnlogehf';
const ORIGIN = 'https://seller.example.com';
const TAB = 7;
/** The top frame of tab 7, on the origin it was armed on: the only sender that may end its wait. */
const TOP_FRAME = { id: ID, tab: { id: TAB }, frameId: 0, url: `${ORIGIN}/verify` };
const FILLED = { type: 'otp-relay/auto-fill-report', ok: true, fields: 6 };

async function stored() {
  return parseAutoFillOutcomes((await browser.storage.session.get(AUTO_FILL_OUTCOMES_KEY))[AUTO_FILL_OUTCOMES_KEY]);
}

let clock = 1_000;
function outcomes() {
  return new AutoFillOutcomes({ now: () => clock++ });
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = 1_000;
});

describe('describeAutoFill', () => {
  it.each([
    [{ ok: true, fields: 6 } as const, true, 'filled', 'Filled.'],
    [
      { ok: false, reason: 'armed' } as const,
      false,
      'waiting',
      'Waiting for a verification field to appear on this page.',
    ],
    [
      { ok: false, reason: 'no-field' } as const,
      false,
      'no-field',
      'No verification field appeared on this page: use Fill.',
    ],
    [
      { ok: false, reason: 'typed' } as const,
      false,
      'typed',
      'Not filled: the field holds what you typed; it was left alone.',
    ],
    [
      { ok: false, reason: 'not-accepted' } as const,
      false,
      'not-accepted',
      'The page did not take the code (its field was cleared again): type or paste it by hand.',
    ],
    [
      { ok: false, reason: 'wrong-origin' } as const,
      false,
      'wrong-origin',
      `Not filled: the page is no longer on ${ORIGIN}.`,
    ],
    [{ ok: false, reason: 'unreachable' } as const, false, 'unreachable', 'Cannot reach this page (no access to it).'],
    [{ ok: false, reason: 'bad-request' } as const, false, 'failed', 'The page did not accept the code.'],
  ])('%o → %s %s', (result, ok, reason, message) => {
    expect(describeAutoFill(result, ORIGIN)).toEqual({ ok, reason, message });
  });
});

describe('AutoFillOutcomes', () => {
  it('keeps what each tab answered to its arm, by tab id', async () => {
    const keeper = outcomes();
    await keeper.armed(TAB, messageId(1), ORIGIN, { ok: true, fields: 1 });
    await keeper.armed(8, messageId(2), 'https://other.example.com', { ok: false, reason: 'typed' });
    expect(await stored()).toEqual({
      [TAB]: { origin: ORIGIN, codeId: messageId(1), ok: true, reason: 'filled', message: 'Filled.', at: 1_000 },
      8: expect.objectContaining({ origin: 'https://other.example.com', ok: false, reason: 'typed' }),
    });
  });

  it('a waiting tab’s report from its top frame on the armed origin ends the wait with the outcome', async () => {
    const keeper = outcomes();
    await keeper.armed(TAB, messageId(1), ORIGIN, { ok: false, reason: 'armed' });
    expect((await stored())[TAB]).toMatchObject({ reason: 'waiting' });
    expect(await keeper.report(FILLED, TOP_FRAME, ID)).toBe(true);
    expect((await stored())[TAB]).toEqual({
      origin: ORIGIN,
      codeId: messageId(1),
      ok: true,
      reason: 'filled',
      message: 'Filled.',
      at: 1_001,
    });
  });

  it('a report after a worker restart ends the wait the previous worker stored', async () => {
    await outcomes().armed(TAB, messageId(1), ORIGIN, { ok: false, reason: 'armed' });
    expect(await outcomes().report(FILLED, TOP_FRAME, ID)).toBe(true);
    expect((await stored())[TAB]).toMatchObject({ ok: true, reason: 'filled', codeId: messageId(1) });
  });

  it('a watch that found no field says so', async () => {
    const keeper = outcomes();
    await keeper.armed(TAB, messageId(1), ORIGIN, { ok: false, reason: 'armed' });
    await keeper.report({ type: 'otp-relay/auto-fill-report', ok: false, reason: 'no-field' }, TOP_FRAME, ID);
    expect((await stored())[TAB]).toMatchObject({ ok: false, reason: 'no-field' });
  });

  it.each([
    ['another tab', { ...TOP_FRAME, tab: { id: 9 } }],
    ['a frame inside the tab', { ...TOP_FRAME, frameId: 3 }],
    ['the tab after it navigated to another origin', { ...TOP_FRAME, url: 'https://evil.example.com/' }],
    ['another extension', { ...TOP_FRAME, id: 'abcdefghijklmnopabcdefghijklmnop' }],
    ['an extension page (no tab)', { id: ID, url: `chrome-extension://${ID}/popup.html` }],
  ])('ignores a report from %s', async (_name, sender) => {
    const keeper = outcomes();
    await keeper.armed(TAB, messageId(1), ORIGIN, { ok: false, reason: 'armed' });
    expect(await keeper.report(FILLED, sender, ID)).toBe(false);
    expect((await stored())[TAB]).toMatchObject({ reason: 'waiting' });
  });

  it.each([
    ['an unknown shape', { type: 'otp-relay/auto-fill-report', ok: 'yes' }],
    ['extra fields', { ...FILLED, message: 'Filled by evil.' }],
    ['a reason it cannot have', { type: 'otp-relay/auto-fill-report', ok: false, reason: 'armed' }],
  ])('ignores %s', async (_name, report) => {
    const keeper = outcomes();
    await keeper.armed(TAB, messageId(1), ORIGIN, { ok: false, reason: 'armed' });
    expect(await keeper.report(report, TOP_FRAME, ID)).toBe(false);
    expect((await stored())[TAB]).toMatchObject({ reason: 'waiting' });
  });

  it('never rewrites an outcome the tab already gave (filled, or left alone)', async () => {
    const keeper = outcomes();
    await keeper.armed(TAB, messageId(1), ORIGIN, { ok: false, reason: 'typed' });
    expect(await keeper.report(FILLED, TOP_FRAME, ID)).toBe(false);
    expect((await stored())[TAB]).toMatchObject({ reason: 'typed' });
  });

  it(`keeps the newest ${AUTO_FILL_OUTCOMES_SIZE} tabs`, async () => {
    const keeper = outcomes();
    await Promise.all(
      Array.from({ length: AUTO_FILL_OUTCOMES_SIZE + 5 }, (_, tab) =>
        keeper.armed(tab, messageId(tab), ORIGIN, { ok: true, fields: 1 }),
      ),
    );
    const kept = Object.keys(await stored()).map(Number);
    expect(kept.sort((a, b) => a - b)).toEqual(Array.from({ length: AUTO_FILL_OUTCOMES_SIZE }, (_, i) => i + 5));
  });
});
