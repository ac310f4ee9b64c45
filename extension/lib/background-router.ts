import type { Browser } from 'wxt/browser';
import type { AutoFillOutcomes } from './auto-fill-outcomes.ts';
import type { Background } from './create-background.ts';
import { AUTO_FILL_REPORT } from './messages.ts';
import { siteFromInput } from './registrable-domain.ts';
import { parseRuntimeRequest, type RuntimeResponse, type SiteAnswer } from './runtime-messages.ts';

/** Answers one runtime message from our own pages; anything else is refused before it is looked at. */
export async function handleRuntimeMessage(
  message: unknown,
  sender: Browser.runtime.MessageSender,
  extensionId: string,
  background: {
    fill: Pick<Background['fill'], 'fillCode' | 'fillNewest' | 'fillAuthenticator'>;
    reconnectNow(): void;
    autoFillOutcomes?: Pick<AutoFillOutcomes, 'report'>;
  },
): Promise<RuntimeResponse | SiteAnswer> {
  // The one message a content script may send: its tab's auto-fill outcome, which only ends that tab's wait.
  if (isReport(message) && background.autoFillOutcomes) {
    const taken = await background.autoFillOutcomes.report(message, sender, extensionId);
    return taken ? { ok: true, message: 'Noted.' } : { ok: false, reason: 'forbidden', message: 'Not waiting.' };
  }
  const parsed = parseRuntimeRequest(message, sender, extensionId);
  if (!parsed.ok) return parsed;
  const { request } = parsed;
  switch (request.type) {
    case 'otp-relay/fill-code':
      return background.fill.fillCode(request.messageId, request.confirmed ?? false);
    case 'otp-relay/fill-authenticator':
      return background.fill.fillAuthenticator(request.entryId);
    case 'otp-relay/fill-newest':
      return background.fill.fillNewest();
    case 'otp-relay/wake':
      return { ok: true, message: 'Awake.' };
    case 'otp-relay/reconnect':
      background.reconnectNow();
      return { ok: true, message: 'Reconnecting.' };
    case 'otp-relay/site-of':
      return { ok: true, site: siteFromInput(request.input) };
  }
}

function isReport(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === AUTO_FILL_REPORT;
}
