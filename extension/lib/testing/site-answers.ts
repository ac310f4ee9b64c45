import { browser } from 'wxt/browser';
import { siteFromInput } from '../registrable-domain.ts';

/**
 * For tests of the popup and options page: the background's answer to `otp-relay/site-of` (lib/site-of.ts),
 * from the same public-suffix list. fakeBrowser's runtime messages carry no sender, so this answers them
 * directly instead of through the router (whose sender check lib/background-router.test.ts covers).
 */
export function answerSiteQuestions(): void {
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const request = message as { type?: unknown; input?: unknown };
    if (request?.type !== 'otp-relay/site-of' || typeof request.input !== 'string') return undefined;
    sendResponse({ ok: true, site: siteFromInput(request.input) });
    return true;
  });
}
