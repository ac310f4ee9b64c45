import type { DemoState } from '../flow-view.ts';

export type StatusState = DemoState | 'idle';

/** Calm outcomes are announced politely; the rest interrupt, because the seller has to act on them. */
const NOTICE_STATES: ReadonlySet<StatusState> = new Set(['idle', 'sent', 'success']);

export interface StatusLine {
  /** `code` is the API's stable error code (data-code), for tests that tell refusals apart. */
  set(state: StatusState, message: string, code?: string): void;
  readonly state: string | undefined;
  readonly message: string | undefined;
}

/** The card's one live status line (`[data-testid=status]`): its data-state is what the tests wait for. */
export function createStatusLine(element: HTMLElement): StatusLine {
  return {
    set(state, message, code) {
      if (code) element.dataset.code = code;
      else delete element.dataset.code;
      const urgent = !NOTICE_STATES.has(state);
      element.setAttribute('role', urgent ? 'alert' : 'status');
      element.setAttribute('aria-live', urgent ? 'assertive' : 'polite');
      element.dataset.state = state;
      element.dataset.message = message;
      element.textContent = message;
    },
    get state() {
      return element.dataset.state;
    },
    get message() {
      return element.dataset.message;
    },
  };
}
