import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerPart } from '../lib/autofill/autofill-parts.ts';
import { findSlotProxy } from '../lib/autofill/find-slot-proxy.ts';

/** A hidden input behind visible slots: injected beside /autofill.js when the page may have one (lib/autofill/autofill-parts.ts). */
export default defineUnlistedScript(() => {
  registerPart('slots', findSlotProxy);
});
