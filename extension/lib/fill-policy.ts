import type { Browser } from 'wxt/browser';
import { armLoadedTab } from './arm-loaded-tab.ts';
import { type ArmOptions, armMatchingTabs } from './arm-matching-tabs.ts';
import { type AuthenticatorCode, isAuthenticatorCode } from './authenticator/authenticator-code.ts';
import type { AuthenticatorSource } from './authenticator/authenticator-source.ts';
import type { CodeKeeper } from './code-keeper.ts';
import type { StoredCode } from './code-store.ts';
import { type FillOutcome, fillActiveTab, findActiveTab } from './fill-active-tab.ts';
import { type FillableCode, newestCodeFor } from './fill-rules.ts';
import { pageAt } from './registrable-domain.ts';
import type { AutoFillDecision } from './session-state.ts';
import type { Settings } from './settings.ts';

export interface FillPolicyOptions {
  codes: CodeKeeper;
  /** The settings of now, not of when the stream opened: auto-fill sites change without a reconnect. */
  settings: () => Settings | null;
  now: () => number;
  /** What auto-fill decided for each arriving code. */
  onAutoFill?: (decision: AutoFillDecision) => void;
  /** The authenticator's codes (lib/authenticator), filled by the same rules and path. */
  authenticator?: AuthenticatorSource;
  /** What a tab answered when it was armed with a code (ArmOptions.onArmed). */
  onArmed?: ArmOptions['onArmed'];
}

/**
 * The fill and auto-fill policy: what the popup's Fill, the keyboard shortcut, an arriving code and a page that
 * loads later each fill, by the rules in fill-rules.ts. It remembers which codes were filled somewhere, so a
 * page that loads later is not armed with them again.
 */
export class FillPolicy {
  readonly #options: FillPolicyOptions;
  /** Codes already filled somewhere (fillKey). */
  readonly #filled = new Set<string>();

  constructor(options: FillPolicyOptions) {
    this.#options = options;
  }

  /**
   * The popup's Fill: this code, while live, into the active tab if the rules let it go there. A code bound
   * to no site needs `confirmed` (the popup's second click, which named the sender and the page).
   */
  async fillCode(messageId: string, confirmed = false): Promise<FillOutcome> {
    const code = this.#options.codes.liveCode(messageId);
    return this.#filledIf(code, await fillActiveTab(code, this.#submit(), confirmed));
  }

  /** The keyboard shortcut: the newest live code that may go into the active tab. */
  async fillNewest(): Promise<FillOutcome> {
    const tab = await findActiveTab();
    if (!tab?.origin) return { ok: false, reason: 'no-tab', message: 'This tab is not a web page.' };
    const { state } = this.#options.codes;
    // A message that just came in first (the site asked for it a moment ago), else the authenticator's code.
    const code =
      newestCodeFor(state, pageAt(tab.origin), this.#options.now()) ?? (await this.#authenticatorFor(tab.origin));
    if (!code) {
      // A code bound to no site is never filled by a keystroke: it takes the popup's confirmation.
      const unbound = this.#options.codes.liveCodes().find((c) => c.site === null && c.binding !== 'issuer');
      const message = unbound
        ? `No code for ${tab.origin}; the code from ${unbound.from} is not tied to a site: fill it from the popup.`
        : `No live code for ${tab.origin}.`;
      return { ok: false, reason: 'no-code', message };
    }
    return this.#filledIf(code, await fillActiveTab(code, this.#submit()));
  }

  /** The popup's Fill on an authenticator entry: its code now, into the active tab if that is its site. */
  async fillAuthenticator(entryId: string): Promise<FillOutcome> {
    const code = await this.#options.authenticator?.code(entryId);
    if (!code)
      return { ok: false, reason: 'no-code', message: 'The authenticator is locked or the entry is gone: unlock it.' };
    return this.#filledIf(code, await fillActiveTab(code, this.#submit()));
  }

  /** A code just arrived: arm every open tab it may auto-fill. */
  async autoFill(code: StoredCode): Promise<void> {
    const options = this.#armOptions();
    let armed: number[] = [];
    try {
      if (options) armed = await armMatchingTabs(code, options);
    } catch {
      // A tab closing mid-way is not an error worth surfacing.
    }
    this.#options.onAutoFill?.({ messageId: code.messageId, armedTabs: armed.length, at: this.#options.now() });
  }

  /**
   * tabs.onUpdated: a tab on an auto-fill origin finished loading while that origin has a live code nobody
   * filled yet (the code came first, the page second): inject the autofill script there and arm it.
   */
  async armLoadedTab(tabId: number, change: Browser.tabs.OnUpdatedInfo, tab: Browser.tabs.Tab): Promise<boolean> {
    const options = this.#armOptions();
    if (!options) return false;
    const codeFor = async (origin: string): Promise<FillableCode | undefined> => {
      const code = newestCodeFor(this.#options.codes.state, pageAt(origin), this.#options.now());
      if (code) return this.#filled.has(code.messageId) ? undefined : code;
      // No message for this page: the authenticator's code, where auto-fill is on (checked before it decrypts).
      if (!options.autoFillOrigins.includes(origin)) return undefined;
      const totp = await this.#authenticatorFor(origin);
      return totp && !this.#filled.has(fillKey(totp)) ? totp : undefined;
    };
    try {
      return await armLoadedTab(tabId, change, tab, codeFor, options);
    } catch {
      return false; // the tab closed mid-way
    }
  }

  #filledIf(code: FillableCode | undefined, outcome: FillOutcome): FillOutcome {
    if (code && outcome.ok) {
      this.#filled.add(fillKey(code));
      if (isAuthenticatorCode(code)) void this.#options.authenticator?.used();
    }
    return outcome;
  }

  async #authenticatorFor(origin: string): Promise<AuthenticatorCode | undefined> {
    const [code] = (await this.#options.authenticator?.codesFor(origin)) ?? [];
    return code;
  }

  #submit(): boolean {
    return this.#options.settings()?.submitAfterFill ?? false;
  }

  #armOptions(): ArmOptions | null {
    const settings = this.#options.settings();
    if (!settings) return null;
    return {
      autoFillOrigins: settings.autoFillOrigins,
      submit: settings.submitAfterFill,
      skewMs: this.#options.codes.state.skewMs,
      onFilled: (code) => this.#filled.add(fillKey(code)),
      ...(this.#options.onArmed ? { onArmed: this.#options.onArmed } : {}),
    };
  }
}

/** One key per code: a message by its id, an authenticator code by its entry and period. */
function fillKey(code: FillableCode): string {
  return isAuthenticatorCode(code) ? `totp:${code.entryId}:${code.createdAt}` : code.messageId;
}
