import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerKeywords } from '../lib/autofill/active-keywords.ts';
import { registerPart } from '../lib/autofill/autofill-parts.ts';
import { ENGLISH_BUTTONS } from '../lib/autofill/keywords.ts';
import { submitForm } from '../lib/autofill/submit-form.ts';

/**
 * Submit after fill: injected beside /autofill.js only when that setting is on (lib/autofill/autofill-parts.ts),
 * with the English button words it reads (the other languages' are in their packs).
 */
export default defineUnlistedScript(() => {
  registerKeywords('en', ENGLISH_BUTTONS);
  registerPart('submit', submitForm);
});
