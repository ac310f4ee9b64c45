import type { CodeField } from './code-fields.ts';
import { markInvalid } from './code-fields.ts';
import type { PageProblem } from './demo-api.ts';

export type FieldName = 'to' | 'password' | 'code';

export interface FieldErrors {
  show(field: FieldName, message: string): void;
  clear(): void;
  /** Puts each field error of `problem` under its field and focuses the first such input; false if none fit. */
  place(problem: PageProblem): boolean;
}

/** The errors under the destination, password and code fields, from the API's problem+json `errors`. */
export function createFieldErrors(root: ParentNode, code: CodeField): FieldErrors {
  const messages: Record<FieldName, HTMLElement | null> = {
    to: root.querySelector('#destination-error'),
    password: root.querySelector('#password-error'),
    code: root.querySelector('#code-error'),
  };
  const inputs: Partial<Record<FieldName, HTMLInputElement | null>> = {
    to: root.querySelector('#destination-input'),
    password: root.querySelector('#password-input'),
  };

  function show(field: FieldName, message: string): void {
    const target = messages[field];
    if (!target) return;
    target.textContent = message;
    if (field === 'code') code.setInvalid(message !== '');
    else {
      const input = inputs[field];
      if (input) markInvalid(input, message !== '');
    }
  }

  return {
    show,
    clear() {
      for (const field of Object.keys(messages) as FieldName[]) show(field, '');
    },
    place(problem) {
      // Read now: the destination's label changes with the channel.
      const label = root.querySelector('label[for="destination-input"]')?.textContent ?? '';
      let first: HTMLInputElement | null = null;
      let placed = false;
      for (const error of problem.errors ?? []) {
        if (!isFieldName(error.field) || !messages[error.field]) continue;
        show(error.field, sentence(error.field === 'to' ? label : '', error.message));
        placed = true;
        first ??= inputs[error.field] ?? null;
      }
      first?.focus();
      return placed;
    },
  };
}

function isFieldName(field: string): field is FieldName {
  return field === 'to' || field === 'password' || field === 'code';
}

/** zod's "must be a valid email address" reads better as "Email address must be a valid email address." */
export function sentence(label: string, message: string): string {
  const text = /^[a-z]/.test(message) && label ? `${label} ${message}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
