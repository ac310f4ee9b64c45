import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerKeywords } from '../lib/autofill/active-keywords.ts';
import { KEYWORDS } from '../lib/autofill/languages/th.ts';

/** The 'th' keyword pack: injected before /autofill.js, only into pages in that language (lib/autofill/page-languages.ts). */
export default defineUnlistedScript(() => {
  registerKeywords('th', KEYWORDS);
});
