// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countdownOf, createCountdown } from './countdown.ts';
import { createRelayClock } from './relay-clock.ts';

const RELAY_NOW = Date.parse('2026-03-01T09:00:00.000Z');
const pending = { status: 'pending' as const, expiresAt: RELAY_NOW + 600_000, resendAvailableAt: RELAY_NOW + 30_000 };

describe('countdownOf', () => {
  it.each([
    ['a fresh code', pending, RELAY_NOW, 0, { expiresInSeconds: 600, justExpired: false, resendInSeconds: 30 }],
    ['part of a second left counts as a second', pending, RELAY_NOW + 599_001, 0, { expiresInSeconds: 1 }],
    ['out of time while still pending', pending, RELAY_NOW + 600_000, 0, { expiresInSeconds: 0, justExpired: true }],
    [
      'a dead code',
      { ...pending, status: 'expired' as const },
      RELAY_NOW,
      0,
      { expiresInSeconds: 0, justExpired: false },
    ],
    ["a 429's wait past the cooldown", pending, RELAY_NOW + 30_000, RELAY_NOW + 45_000, { resendInSeconds: 15 }],
    ['the cooldown over', pending, RELAY_NOW + 31_000, 0, { resendInSeconds: 0 }],
  ])('%s', (_name, view, now, cooldownUntil, expected) => {
    expect(countdownOf(view, now, cooldownUntil)).toMatchObject(expected);
  });
});

describe('the timers a page shows', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function mount() {
    document.body.innerHTML = `<span id="expires-in"></span><button id="resend"><span id="resend-countdown"></span></button>`;
    return {
      expiresIn: document.querySelector('#expires-in') as HTMLElement,
      resendCountdown: document.querySelector('#resend-countdown') as HTMLElement,
      resendButton: document.querySelector('#resend') as HTMLButtonElement,
    };
  }

  it("follow the relay's clock when the browser's clock is an hour ahead", () => {
    // The browser's clock (Date.now) is an hour off the relay's; the relay's readings arrive in API answers.
    vi.useFakeTimers({ now: RELAY_NOW + 3_600_000, toFake: ['Date'] });
    const clock = createRelayClock();
    const elements = mount();
    const countdown = createCountdown(clock, elements);

    clock.observe(RELAY_NOW);
    countdown.show(pending, 0, false);
    expect(elements.expiresIn.textContent).toBe('Code expires in 10:00');
    expect(elements.expiresIn.dataset).toMatchObject({ seconds: '600', expired: 'false' });
    expect(elements.resendCountdown.textContent).toBe('Resend code in 0:30');
    expect(elements.resendButton.disabled).toBe(true);

    // A relay on a test clock jumps 2 minutes while 1 s passes in the browser.
    vi.advanceTimersByTime(1_000);
    clock.observe(RELAY_NOW + 120_000);
    countdown.show(pending, 0, false);
    expect(elements.expiresIn.textContent).toBe('Code expires in 8:00');
    expect(elements.resendCountdown.textContent).toBe('Resend code');
    expect(elements.resendButton.disabled).toBe(false);
  });

  it('say so once the code is dead, and keep Resend disabled while a request runs', () => {
    const clock = createRelayClock();
    const elements = mount();
    clock.observe(RELAY_NOW + 600_000);
    createCountdown(clock, elements).show(pending, 0, true);
    expect(elements.expiresIn.textContent).toBe('Code expired');
    expect(elements.expiresIn.dataset).toMatchObject({ seconds: '0', expired: 'true' });
    expect(elements.resendButton.disabled).toBe(true);
  });
});
