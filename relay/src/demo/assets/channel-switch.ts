import { DESTINATION_TEXT } from './destination-text.ts';

/** The SMS / email radios: switching one re-labels the destination field and empties it. */
export function wireChannelSwitch(root: ParentNode, onSwitch: () => void): void {
  const input = root.querySelector<HTMLInputElement>('#destination-input');
  const label = root.querySelector('#destination-label');
  const hint = root.querySelector('#destination-hint');
  for (const radio of root.querySelectorAll<HTMLInputElement>('input[name="channel"][type="radio"]')) {
    radio.addEventListener('change', () => {
      const text = DESTINATION_TEXT[radio.value === 'email' ? 'email' : 'sms'];
      if (label) label.textContent = text.label;
      if (hint) hint.textContent = text.hint;
      if (input) {
        input.type = text.type;
        input.autocomplete = text.autocomplete;
        input.placeholder = text.placeholder;
        input.value = '';
      }
      onSwitch();
    });
  }
}
