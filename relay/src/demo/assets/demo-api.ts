import type { DemoState } from '../flow-view.ts';

/** A refusal as the demo API words it: problem+json plus `state` and `message`, ready for the status line. */
export interface PageProblem {
  state?: DemoState;
  message?: string;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
  retryAfterSeconds?: number;
}

export type Answer<T> = { ok: true; status: number; data: T } | { ok: false; status: number; data: PageProblem };

export type DemoCall = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<Answer<T>>;

/** Status 0: the relay could not be reached at all. */
const OFFLINE: PageProblem = {
  state: 'error',
  message: "We can't reach Seller Center. Check your connection and try again.",
};

/**
 * The page's only way to its backend: JSON in, `{ok, status, data}` out. Problems (problem+json) come back as
 * data with `state` and `message` ready to show; a network failure looks like one too.
 */
export function createDemoApi(base: string): DemoCall {
  return async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
    try {
      const response = await fetch(base + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'same-origin',
      });
      // Always read the body, even an empty one: an unread response shows up as an aborted request.
      const text = await response.text();
      const data = text ? JSON.parse(text) : {};
      return response.ok ? { ok: true, status: response.status, data } : { ok: false, status: response.status, data };
    } catch {
      return { ok: false, status: 0, data: OFFLINE };
    }
  };
}
