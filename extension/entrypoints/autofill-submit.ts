import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerPart } from '../lib/autofill/autofill-parts.ts';
import { submitForm } from '../lib/autofill/submit-form.ts';

/** Submit after fill: injected beside /autofill.js only when that setting is on (lib/autofill/autofill-parts.ts). */
export default defineUnlistedScript(() => {
  registerPart('submit', submitForm);
});
