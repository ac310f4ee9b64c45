import type { TwoStepView } from '../two-step-api.ts';
import { createBusy } from './busy-button.ts';
import { codeField } from './code-fields.ts';
import { createDemoApi } from './demo-api.ts';
import { requiredElement } from './required-element.ts';
import { createStatusLine } from './status-line.ts';

/**
 * Drives "turn on two-step verification": the QR code and key are in the page already; this sends the code the
 * seller's authenticator app shows and reports the outcome (done, wrong with attempts left, or start again).
 */
const root = document.querySelector<HTMLElement>('.flow[data-flow="two-step"]');
if (root) startTwoStepForm(root);

export function startTwoStepForm(root: HTMLElement): void {
  const call = createDemoApi(root.dataset.api ?? '');
  const setupId = root.dataset.setup ?? '';
  const form = requiredElement<HTMLFormElement>(root, '#two-step-step');
  const verifyButton = requiredElement<HTMLButtonElement>(root, '#verify');
  const codeError = requiredElement<HTMLElement>(root, '#code-error');
  const done = requiredElement<HTMLElement>(root, '#done-step');
  const digits = requiredElement<HTMLInputElement>(root, '#code-input').maxLength;
  const status = createStatusLine(requiredElement(root, '#status'));
  let locked = false;
  const busy = createBusy(() => {
    verifyButton.disabled = locked || !code.complete();
  });
  const code = codeField(form, () => {
    verifyButton.disabled = locked || busy.active || !code.complete();
    showCodeError('');
  });
  code.setLength(digits);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy.active || locked) return;
    if (!code.complete()) return showCodeError(`Enter the ${digits}-digit code from your app.`);
    const answer = await busy.run(verifyButton, 'Checking…', () =>
      call<TwoStepView>('POST', `/two-step/${setupId}/verify`, { code: code.value() }),
    );
    if (!answer.ok) {
      const fieldError = answer.data.errors?.find((error) => error.field === 'code');
      if (fieldError) return showCodeError(`${fieldError.message}.`);
      const gone = answer.status === 404;
      if (gone) lock();
      const message = gone ? 'This setup has expired. Reload the page to start again.' : answer.data.message;
      return status.set('error', message ?? 'Something went wrong. Try again.', answer.data.code);
    }
    status.set(answer.data.state, answer.data.message);
    if (answer.data.state === 'success') {
      form.hidden = true;
      done.hidden = false;
      done.querySelector<HTMLElement>('#done-heading')?.focus();
    } else {
      if (answer.data.state === 'locked') lock();
      code.clear();
      code.focus();
    }
  });

  function lock(): void {
    locked = true;
    verifyButton.disabled = true;
  }

  function showCodeError(message: string): void {
    codeError.textContent = message;
    code.setInvalid(message !== '');
  }
}
