import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installAutofillListener } from '../lib/install-autofill-listener.ts';

/**
 * Built to /autofill.js and injected by the background only into a tab that needs it (a Fill the user asked
 * for, or an auto-fill site with a live code): not a manifest content script, because that would run on every
 * matching page whether or not a code is live. See lib/content-bridge.ts.
 */
export default defineUnlistedScript(() => {
  installAutofillListener();
});
