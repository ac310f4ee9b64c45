import { browser } from 'wxt/browser';
import type { PageAt } from './fill-rules.ts';
import type { RuntimeRequest, RuntimeResponse, SiteAnswer } from './runtime-messages.ts';

/**
 * The site (registrable domain) of `input`, a tab's origin or what the user typed as a site, as the
 * background's public-suffix list names it: the popup and the options page ask rather than load the list.
 * Null when it names no site, or when the background could not answer (then nothing fills by site).
 */
export async function siteOf(input: string): Promise<string | null> {
  if (input.trim() === '') return null;
  const request: RuntimeRequest = { type: 'otp-relay/site-of', input };
  const answer = (await browser.runtime.sendMessage(request).catch(() => null)) as
    | SiteAnswer
    | RuntimeResponse
    | null
    | undefined;
  return answer?.ok && 'site' in answer ? answer.site : null;
}

/** The page at `origin` as the fill rules take it, its site asked of the background. */
export async function askPageAt(origin: string): Promise<PageAt> {
  return { origin, site: await siteOf(origin) };
}
