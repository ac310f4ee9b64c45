import type { FlowView } from '../flow-view.ts';
import { formatClock, type RelayClock } from './relay-clock.ts';

/** Where a flow's code stands at one instant of the relay's clock. */
export interface Countdown {
  /** Whole seconds the code has left (0 once it is dead). */
  expiresInSeconds: number;
  /** Pending on the relay but out of time on its clock: the page should ask the relay now. */
  justExpired: boolean;
  /** Whole seconds until Resend may be pressed (the relay's cooldown, or a 429's Retry-After). */
  resendInSeconds: number;
}

type Timing = Pick<FlowView, 'status' | 'expiresAt' | 'resendAvailableAt'>;

/** Pure: the countdown of `view` at `relayNow` (ms on the relay's clock); `cooldownUntil` is a 429's wait. */
export function countdownOf(view: Timing, relayNow: number, cooldownUntil = 0): Countdown {
  const left = Math.max(0, Math.ceil((view.expiresAt - relayNow) / 1000));
  const alive = view.status === 'pending' && left > 0;
  return {
    expiresInSeconds: alive ? left : 0,
    justExpired: view.status === 'pending' && !alive,
    resendInSeconds: Math.max(0, Math.ceil((Math.max(view.resendAvailableAt, cooldownUntil) - relayNow) / 1000)),
  };
}

export interface CountdownElements {
  expiresIn: HTMLElement;
  resendCountdown: HTMLElement;
  resendButton: HTMLButtonElement;
}

/**
 * The two timers of the code step, always read off the relay's clock (never `Date.now()`): a browser whose
 * clock is off, or a relay on a test clock, still shows the time the relay will enforce.
 */
export function createCountdown(clock: RelayClock, elements: CountdownElements) {
  return {
    /** Redraws both timers for `view`; returns what it drew. */
    show(view: Timing, cooldownUntil: number, busy: boolean): Countdown {
      const countdown = countdownOf(view, clock.now(), cooldownUntil);
      const { expiresIn, resendCountdown, resendButton } = elements;
      const seconds = countdown.expiresInSeconds;
      expiresIn.textContent = seconds > 0 ? `Code expires in ${formatClock(seconds)}` : 'Code expired';
      expiresIn.dataset.seconds = String(seconds);
      expiresIn.dataset.expired = String(seconds === 0);
      const wait = countdown.resendInSeconds;
      resendCountdown.textContent = wait > 0 ? `Resend code in ${formatClock(wait)}` : 'Resend code';
      resendCountdown.dataset.seconds = String(wait);
      resendButton.disabled = busy || wait > 0;
      return countdown;
    },
  };
}
