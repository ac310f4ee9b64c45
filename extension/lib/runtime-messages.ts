import type { Browser } from 'wxt/browser';
import { z } from 'zod';

/** Requests the popup and options page send to the background (never accepted from content scripts). */
export const RuntimeRequestSchema = z.discriminatedUnion('type', [
  /** Fill this code into the active tab (popup "Fill"). */
  z.strictObject({
    type: z.literal('otp-relay/fill-code'),
    messageId: z.string().regex(/^MS[0-9a-f]{32}$/),
    /** The user's second click on a code bound to no site, after the popup named sender and page. */
    confirmed: z.boolean().optional(),
  }),
  /** Fill this authenticator entry's current code into the active tab (popup "Fill" on an authenticator row). */
  z.strictObject({ type: z.literal('otp-relay/fill-authenticator'), entryId: z.uuid() }),
  /** Fill the newest code for the active tab's origin (same as the keyboard shortcut). */
  z.strictObject({ type: z.literal('otp-relay/fill-newest') }),
  /** Sent by the popup when it opens: waking a worker Chrome stopped makes it reconnect and resume at once. */
  z.strictObject({ type: z.literal('otp-relay/wake') }),
  /** Drop the connection and connect again now (popup "Retry now"). */
  z.strictObject({ type: z.literal('otp-relay/reconnect') }),
  /**
   * The site (registrable domain) of a tab's origin or of what the user typed as one: the public-suffix list
   * is the background's alone (lib/registrable-domain.ts), the popup and options page ask (lib/site-of.ts).
   */
  z.strictObject({ type: z.literal('otp-relay/site-of'), input: z.string().max(2048) }),
]);
export type RuntimeRequest = z.infer<typeof RuntimeRequestSchema>;

export type RuntimeResponse = { ok: true; message: string } | { ok: false; reason: string; message: string };

/** The answer to `otp-relay/site-of`: null when the input names no site (an IP, localhost, nonsense). */
export type SiteAnswer = { ok: true; site: string | null };

type Sender = Browser.runtime.MessageSender;

/**
 * Only our own extension pages may ask for privileged work: same extension id, a chrome-extension:// page of
 * ours, and no tab (a content script's sender carries the tab of the web page it runs in, and the page
 * controls what that script sees, so it may not ask us to fill anything anywhere).
 */
export function isTrustedSender(sender: Sender, extensionId: string): boolean {
  if (sender.id !== extensionId) return false;
  if (sender.tab !== undefined) return false;
  const ownPages = `chrome-extension://${extensionId}/`;
  return typeof sender.url === 'string' && sender.url.startsWith(ownPages);
}

export type ParsedRequest = { ok: true; request: RuntimeRequest } | { ok: false; reason: string; message: string };

export function parseRuntimeRequest(message: unknown, sender: Sender, extensionId: string): ParsedRequest {
  if (!isTrustedSender(sender, extensionId)) {
    return { ok: false, reason: 'forbidden', message: 'Request not from this extension’s own pages.' };
  }
  const parsed = RuntimeRequestSchema.safeParse(message);
  if (!parsed.success) return { ok: false, reason: 'bad-request', message: 'Malformed request.' };
  return { ok: true, request: parsed.data };
}
