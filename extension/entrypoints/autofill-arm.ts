import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { armRequest } from '../lib/autofill/arm-request.ts';
import { registerPart } from '../lib/autofill/autofill-parts.ts';

/** The auto-fill watch: injected beside /autofill.js only for an arm request (lib/autofill/autofill-parts.ts). */
export default defineUnlistedScript(() => {
  registerPart('arm', armRequest);
});
