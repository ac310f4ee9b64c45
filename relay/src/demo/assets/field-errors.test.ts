// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { signupPage } from '../pages.ts';
import { wireChannelSwitch } from './channel-switch.ts';
import { codeField } from './code-fields.ts';
import { createFieldErrors, sentence } from './field-errors.ts';

describe('sentence', () => {
  it.each([
    ['Email address', 'must be a valid email address', 'Email address must be a valid email address.'],
    ['Phone number', 'Enter your phone number or email address', 'Enter your phone number or email address.'],
    ['', 'must be a number', 'must be a number.'],
    ['Email address', 'Too long!', 'Too long!'],
  ])('%j + %j → %j', (label, message, text) => {
    expect(sentence(label, message)).toBe(text);
  });
});

describe('field errors and the channel switch on the signup page', () => {
  beforeEach(() => {
    document.body.innerHTML = /<main[\s\S]*<\/main>/.exec(signupPage('/demo', 'sms'))?.[0] ?? '';
  });

  it('puts a problem under its field in words that name the field as labelled now, and focuses it', () => {
    const root = document.body;
    const fields = createFieldErrors(
      root,
      codeField(root, () => {}),
    );
    const email = document.querySelector<HTMLInputElement>('#channel-email') as HTMLInputElement;
    wireChannelSwitch(root, () => fields.show('to', ''));
    email.checked = true;
    email.dispatchEvent(new Event('change'));

    const input = document.querySelector<HTMLInputElement>('#destination-input') as HTMLInputElement;
    expect(input.type).toBe('email');
    expect(document.querySelector('#destination-label')?.textContent).toBe('Email address');

    const placed = fields.place({ errors: [{ field: 'to', message: 'must be a valid email address' }] });
    expect(placed).toBe(true);
    expect(document.querySelector('#destination-error')?.textContent).toBe(
      'Email address must be a valid email address.',
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input);

    // Switching channel again empties the field and clears its error.
    const sms = document.querySelector<HTMLInputElement>('#channel-sms') as HTMLInputElement;
    sms.checked = true;
    sms.dispatchEvent(new Event('change'));
    expect(input.type).toBe('tel');
    expect(document.querySelector('#destination-error')?.textContent).toBe('');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('places nothing for a field the page does not have', () => {
    const root = document.body;
    const fields = createFieldErrors(
      root,
      codeField(root, () => {}),
    );
    expect(fields.place({ errors: [{ field: 'rules.0', message: 'nope' }] })).toBe(false);
  });
});
