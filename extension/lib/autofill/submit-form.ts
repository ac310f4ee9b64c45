/**
 * What submit-after-fill uses of autofill.js, passed in by it: this file ships as its own part
 * (autofill-parts.ts), injected only when the setting is on, and must not bring a copy of autofill.js along.
 */
export interface SubmitKit {
  /** is-fillable.ts: a person could see and press it. */
  visible: (element: HTMLElement) => boolean;
  /** Whether page text says one of the active keywords of `list` (keywords.ts, the injected language packs). */
  says: (text: string, list: 'submit' | 'resend') => boolean;
}

/**
 * Submits the code the user just got filled, only when they asked for it (options: "submit after fill").
 * In a <form>: its visible, enabled submit button is clicked (pages hang their validation on its click), else
 * `requestSubmit()` (fires the submit event, unlike `submit()`). Without a form (single-page apps often have
 * none): the nearest visible button whose text says verify/confirm/continue in one of our languages, never one
 * that says resend. Returns whether anything was pressed.
 */
export function submitForm(input: HTMLInputElement, kit: SubmitKit): boolean {
  const form = input.form;
  if (form) {
    const buttons = [...form.querySelectorAll<HTMLElement>('button, input[type=submit], input[type=image]')];
    const submit = buttons.find((button) => isSubmitButton(button, kit) && isPressable(button, kit));
    if (submit) {
      submit.click();
      return true;
    }
    if (typeof form.requestSubmit === 'function') {
      form.requestSubmit();
      return true;
    }
    return false;
  }
  let node = input.parentElement;
  for (let level = 0; node && level < MAX_LEVELS; level++, node = node.parentElement) {
    const buttons = [...node.querySelectorAll<HTMLElement>('button, [role=button], input[type=submit]')];
    const button = buttons.find((candidate) => {
      const text = candidate.textContent || candidate.getAttribute('value') || '';
      return kit.says(text, 'submit') && !kit.says(text, 'resend') && isPressable(candidate, kit);
    });
    if (button) {
      button.click();
      return true;
    }
  }
  return false;
}

const MAX_LEVELS = 6;

function isSubmitButton(button: HTMLElement, kit: SubmitKit): boolean {
  const type = (button.getAttribute('type') ?? (button.localName === 'button' ? 'submit' : '')).toLowerCase();
  if (type !== 'submit' && type !== 'image') return false;
  return !kit.says(button.textContent ?? '', 'resend');
}

function isPressable(button: HTMLElement, kit: SubmitKit): boolean {
  if ((button as HTMLButtonElement).disabled || button.getAttribute('aria-disabled') === 'true') return false;
  return kit.visible(button);
}
