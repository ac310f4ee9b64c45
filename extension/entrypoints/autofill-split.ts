import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerPart } from '../lib/autofill/autofill-parts.ts';
import { splitTargets } from '../lib/autofill/fill-split-inputs.ts';

/** Split digit boxes: injected beside /autofill.js when the page may have them (lib/autofill/autofill-parts.ts). */
export default defineUnlistedScript(() => {
  registerPart('split', splitTargets);
});
