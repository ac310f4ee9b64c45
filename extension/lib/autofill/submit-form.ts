import { activeKeywords } from './active-keywords.ts';
import { isFillable } from './is-fillable.ts';
import { matchKeywords, normalizeText } from './match-keywords.ts';

/**
 * Submits the code the user just got filled, only when they asked for it (options: "submit after fill").
 * In a <form>: its visible, enabled submit button is clicked (pages hang their validation on its click), else
 * `requestSubmit()` (fires the submit event, unlike `submit()`). Without a form (single-page apps often have
 * none): the nearest visible button whose text says verify/confirm/continue in one of our languages, never one
 * that says resend. Returns whether anything was pressed.
 */
export function submitForm(input: HTMLInputElement): boolean {
  const form = input.form;
  if (form) {
    const buttons = [...form.querySelectorAll<HTMLElement>('button, input[type=submit], input[type=image]')];
    const submit = buttons.find((button) => isSubmitButton(button) && isPressable(button));
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
      const text = normalizeText(candidate.textContent || candidate.getAttribute('value') || '');
      return (
        matchKeywords(text, activeKeywords().submit) &&
        !matchKeywords(text, activeKeywords().resend) &&
        isPressable(candidate)
      );
    });
    if (button) {
      button.click();
      return true;
    }
  }
  return false;
}

const MAX_LEVELS = 6;

function isSubmitButton(button: HTMLElement): boolean {
  const type = (button.getAttribute('type') ?? (button.localName === 'button' ? 'submit' : '')).toLowerCase();
  if (type !== 'submit' && type !== 'image') return false;
  return !matchKeywords(normalizeText(button.textContent ?? ''), activeKeywords().resend);
}

function isPressable(button: HTMLElement): boolean {
  if ((button as HTMLButtonElement).disabled || button.getAttribute('aria-disabled') === 'true') return false;
  return isFillable(button);
}
