import { afterEach, describe, expect, it } from 'vitest';
import { type CodeState, toStoredCode } from '../code-store.ts';
import { inboundMessage, iso, message, T0 } from '../testing/relay-events.ts';
import { type Rendered, render } from '../testing/render.tsx';
import { groupCodes } from './code-view.ts';
import { CountdownBar } from './countdown-bar.tsx';

/*
 * What a seller sees of a code's time: the bar starts full and drains to empty on the relay's clock, the time
 * turns urgent in its last 30 seconds, and an expired code says so, to the eye and to a screen reader.
 */

const ORIGIN = 'http://127.0.0.1:8787';
const LIFETIME = 120_000;

function stateOf(...codes: Parameters<typeof toStoredCode>[0][]): CodeState {
  return { relayUrl: ORIGIN, cursor: null, skewMs: 0, codes: codes.flatMap((c) => toStoredCode(c) ?? []) };
}

const one = stateOf(message(1, { createdAt: iso(T0), expiresAt: iso(T0 + LIFETIME) }));
const viewAt = (localNow: number, state = one) => groupCodes(state, localNow)[0]?.codes[0];

let rendered: Rendered | undefined;
afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
});

async function barAt(localNow: number) {
  const view = viewAt(localNow);
  if (!view) throw new Error('no code');
  const element = <CountdownBar remainingMs={view.remainingMs} fraction={view.fraction} lifetimeMs={LIFETIME} />;
  if (rendered) await rendered.rerender(element);
  else rendered = await render(element);
  const root = rendered.container.querySelector('.countdown') as HTMLElement;
  const bar = root.querySelector('[role="progressbar"]') as HTMLElement;
  return {
    width: (root.querySelector('.countdown__fill') as HTMLElement).style.width,
    time: root.querySelector('[data-testid="code-remaining"]')?.textContent,
    low: root.classList.contains('countdown--low'),
    now: bar.getAttribute('aria-valuenow'),
    text: bar.getAttribute('aria-valuetext'),
  };
}

describe('the countdown a seller watches', () => {
  it('starts full and drains to empty', async () => {
    expect(await barAt(T0)).toMatchObject({ width: '100.00%', time: '2:00', now: '120', low: false });
    expect(await barAt(T0 + 30_000)).toMatchObject({ width: '75.00%', time: '1:30', now: '90' });
    expect(await barAt(T0 + 90_000)).toMatchObject({ width: '25.00%', time: '0:30', now: '30' });
    expect(await barAt(T0 + LIFETIME)).toMatchObject({ width: '0.00%', time: 'expired', now: '0' });
  });

  it('turns urgent for its last 30 seconds, and stops being urgent once expired', async () => {
    expect((await barAt(T0 + 89_999)).low).toBe(false);
    expect((await barAt(T0 + 90_000)).low).toBe(true);
    expect((await barAt(T0 + LIFETIME - 1)).low).toBe(true);
    expect((await barAt(T0 + LIFETIME)).low).toBe(false);
  });

  it('is urgent only in the last quarter of a short life, so a 30 s authenticator code is not urgent all along', async () => {
    const bar = async (remainingMs: number, lifetimeMs: number) => {
      const element = (
        <CountdownBar remainingMs={remainingMs} fraction={remainingMs / lifetimeMs} lifetimeMs={lifetimeMs} />
      );
      if (rendered) await rendered.rerender(element);
      else rendered = await render(element);
      return rendered.container.querySelector('.countdown')?.classList.contains('countdown--low');
    };
    expect(await bar(29_000, 30_000)).toBe(false);
    expect(await bar(7_501, 30_000)).toBe(false);
    expect(await bar(7_500, 30_000)).toBe(true);
    expect(await bar(15_001, 60_000)).toBe(false);
    expect(await bar(15_000, 60_000)).toBe(true);
  });

  it('tells a screen reader the time left, then that it expired', async () => {
    expect((await barAt(T0 + 30_000)).text).toBe('1:30 remaining');
    expect((await barAt(T0 + LIFETIME)).text).toBe('Expired');
  });

  it('never shows more than a full bar when the relay clock is behind the code (a clock set back)', () => {
    const behind = { ...one, skewMs: -60_000 };
    expect(viewAt(T0, behind)).toMatchObject({ state: 'live', remainingMs: LIFETIME + 60_000, fraction: 1 });
  });
});

describe('how codes are grouped', () => {
  it('keeps codes of a site, codes of an origin with that name, and codes bound to nowhere apart', () => {
    const state = stateOf(
      inboundMessage(1, { site: 'tiktok.com', createdAt: iso(T0 + 3_000) }),
      inboundMessage(2, { site: null, binding: 'none', createdAt: iso(T0 + 2_000) }),
      message(3, { origin: 'tiktok.com', createdAt: iso(T0 + 1_000) }),
      inboundMessage(4, { site: null, binding: 'none', createdAt: iso(T0) }),
    );
    const groups = groupCodes(state, T0 + 3_000);
    expect(groups.map((g) => [g.kind, g.key, g.codes.length])).toEqual([
      ['site', 'tiktok.com', 1],
      ['unbound', '', 2],
      ['origin', 'tiktok.com', 1],
    ]);
  });
});
