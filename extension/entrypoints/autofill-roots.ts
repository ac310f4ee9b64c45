import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerPart } from '../lib/autofill/autofill-parts.ts';
import { collectRoots } from '../lib/autofill/collect-roots.ts';

/** Open shadow roots and same-origin frames: injected beside /autofill.js when the page has either (lib/autofill/autofill-parts.ts). */
export default defineUnlistedScript(() => {
  registerPart('roots', collectRoots);
});
