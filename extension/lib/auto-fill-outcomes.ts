import { type Browser, browser } from 'wxt/browser';
import { z } from 'zod';
import type { BridgeResult } from './content-bridge.ts';
import { AUTO_FILL_REPORT } from './messages.ts';
import { originOf } from './relay-origins.ts';

/** storage.session key: the last auto-fill outcome per tab, by tab id (the popup shows the active tab's). */
export const AUTO_FILL_OUTCOMES_KEY = 'autoFillOutcomes';
/** How many tabs' outcomes are kept (the oldest go first). */
export const AUTO_FILL_OUTCOMES_SIZE = 20;

const OutcomeSchema = z.object({
  /** The page's origin when it was armed: the popup shows the outcome only while the tab is still there. */
  origin: z.string(),
  /** The code's messageId, or `authenticator:<entryId>` for an authenticator code. */
  codeId: z.string(),
  ok: z.boolean(),
  /** `waiting`: armed, no field yet (the script watches the page and reports when it filled or gave up). */
  reason: z.enum(['filled', 'waiting', 'no-field', 'typed', 'not-accepted', 'wrong-origin', 'unreachable', 'failed']),
  /** What the popup says, "Filled." or why not. */
  message: z.string(),
  at: z.number(),
});
export type AutoFillOutcome = z.infer<typeof OutcomeSchema>;
const OutcomesSchema = z.record(z.string(), OutcomeSchema);
export type AutoFillOutcomeMap = z.infer<typeof OutcomesSchema>;

/** A watch that ended later, as the autofill script reports it (messages.ts AutoFillReport). */
const ReportSchema = z.strictObject({
  type: z.literal(AUTO_FILL_REPORT),
  ok: z.boolean(),
  fields: z.int().nonnegative().optional(),
  reason: z.enum(['no-field', 'typed', 'not-accepted']).optional(),
});

export function parseAutoFillOutcomes(value: unknown): AutoFillOutcomeMap {
  const parsed = OutcomesSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

/** What the popup says about an auto-fill: "Filled." or the precise reason it did not fill (issue 14). */
export function describeAutoFill(
  result: BridgeResult,
  origin: string,
): Pick<AutoFillOutcome, 'ok' | 'reason' | 'message'> {
  if (result.ok) return { ok: true, reason: 'filled', message: 'Filled.' };
  switch (result.reason) {
    case 'armed':
      return { ok: false, reason: 'waiting', message: 'Waiting for a verification field to appear on this page.' };
    case 'no-field':
      return { ok: false, reason: 'no-field', message: 'No verification field appeared on this page: use Fill.' };
    case 'typed':
      return { ok: false, reason: 'typed', message: 'Not filled: the field holds what you typed; it was left alone.' };
    case 'not-accepted':
      return {
        ok: false,
        reason: 'not-accepted',
        message: 'The page did not take the code (its field was cleared again): type or paste it by hand.',
      };
    case 'wrong-origin':
      return { ok: false, reason: 'wrong-origin', message: `Not filled: the page is no longer on ${origin}.` };
    case 'unreachable':
      return { ok: false, reason: 'unreachable', message: 'Cannot reach this page (no access to it).' };
    default:
      return { ok: false, reason: 'failed', message: 'The page did not accept the code.' };
  }
}

type Area = Pick<Browser.storage.StorageArea, 'get' | 'set'>;
/** What the check reads of a runtime.MessageSender. */
type ReportSender = Pick<Browser.runtime.MessageSender, 'id' | 'frameId' | 'url'> & { tab?: { id?: number } };

/**
 * The auto-fill outcome of each tab, kept in storage.session (it outlives a worker restart, and the popup reads
 * it directly): the answer to the ArmRequest, then, for a tab that was still waiting for its field, the
 * script's own report when the watch ended. Held in memory (read from storage once, after a worker restart)
 * and written whole through `save`: the background's coalescing session writer, so a burst of codes arming a
 * tab costs no extra writes (bench figure 5).
 */
export class AutoFillOutcomes {
  readonly #area: Pick<Area, 'get'>;
  readonly #now: () => number;
  readonly #save: (outcomes: AutoFillOutcomeMap) => unknown;
  #outcomes: Promise<AutoFillOutcomeMap> | undefined;

  constructor(options: { area?: Area; now?: () => number; save?: (outcomes: AutoFillOutcomeMap) => unknown } = {}) {
    const area = options.area ?? browser.storage.session;
    this.#area = area;
    this.#now = options.now ?? Date.now;
    this.#save = options.save ?? ((outcomes) => area.set({ [AUTO_FILL_OUTCOMES_KEY]: outcomes }));
  }

  /** The answer a tab gave to an ArmRequest for the code `codeId` on `origin`. */
  async armed(tabId: number, codeId: string, origin: string, result: BridgeResult): Promise<void> {
    await this.#change((outcomes) => {
      outcomes[String(tabId)] = { origin, codeId, ...describeAutoFill(result, origin), at: this.#now() };
      return true;
    });
  }

  /**
   * A report from the autofill script of a tab that was waiting. Only the top frame of a tab we armed, on the
   * origin it was armed on, may end its wait; anything else changes nothing. Returns whether it was taken.
   */
  async report(message: unknown, sender: ReportSender, extensionId: string): Promise<boolean> {
    const parsed = ReportSchema.safeParse(message);
    const tabId = sender.tab?.id;
    if (!parsed.success || sender.id !== extensionId || tabId === undefined || sender.frameId !== 0) return false;
    const senderOrigin = originOf(sender.url);
    const report = parsed.data;
    return this.#change((outcomes) => {
      const waiting = outcomes[String(tabId)];
      if (waiting?.reason !== 'waiting' || waiting.origin !== senderOrigin) return false;
      const result: BridgeResult = report.ok
        ? { ok: true, fields: report.fields ?? 0 }
        : { ok: false, reason: report.reason ?? 'no-field' };
      outcomes[String(tabId)] = { ...waiting, ...describeAutoFill(result, waiting.origin), at: this.#now() };
      return true;
    });
  }

  async #change(apply: (outcomes: AutoFillOutcomeMap) => boolean): Promise<boolean> {
    this.#outcomes ??= this.#area
      .get(AUTO_FILL_OUTCOMES_KEY)
      .then((stored) => parseAutoFillOutcomes(stored[AUTO_FILL_OUTCOMES_KEY]))
      .catch(() => ({}));
    const outcomes = await this.#outcomes;
    if (!apply(outcomes)) return false;
    const oldest = Object.entries(outcomes)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(AUTO_FILL_OUTCOMES_SIZE);
    for (const [tab] of oldest) delete outcomes[tab];
    await this.#save({ ...outcomes });
    return true;
  }
}
