import { ChannelSchema, type SenderRulesState } from '@otp-relay/shared';
import { z } from 'zod';
import type { ConfigStore } from '../config/config-store.ts';
import { BUILT_IN_SENDER_RULES, type SenderRule, SenderRuleSchema } from '../intake/sender-rules.ts';

/**
 * Body of PUT /api/v1/sender-rules: `{rules}`, each rule strict (an unknown field is a 400, as everywhere),
 * then held to the intake's rule schema (a registrable `site`, a domain as an email `from`).
 */
export const SenderRulesBodySchema = z.strictObject({
  rules: z
    .array(z.strictObject({ channel: ChannelSchema, from: z.string(), site: z.string() }).pipe(SenderRuleSchema))
    .max(1000),
});

/** Where the seller's rules live between runs (the relay's config file); without one they last this run. */
export interface SenderRulesPersistence {
  /** What was saved last (read once, before the relay listens). */
  load(): readonly SenderRule[];
  save(rules: readonly SenderRule[]): Promise<void> | void;
}

/** The file in the relay's config directory that keeps the seller's rules. */
export const SENDER_RULES_FILE = 'sender-rules.json';

/** What the file holds: `{rules}`, each rule as PUT /sender-rules takes it. */
export const SenderRulesFileSchema = z.object({ rules: z.array(SenderRuleSchema).max(1000) });

/** Persistence in the config store: loads the file once, writes it atomically on every replace. */
export async function configFileRules(store: ConfigStore): Promise<SenderRulesPersistence> {
  const file = store.file(SENDER_RULES_FILE, SenderRulesFileSchema);
  const saved = (await file.read())?.rules ?? [];
  return { load: () => saved, save: (rules) => file.write({ rules: [...rules] }) };
}

/**
 * The seller's own sender rules (GET/PUT /api/v1/sender-rules). They are checked before the built-in ones
 * (intake/sender-rules.ts), which are listed beside them and cannot be removed, only overridden by a rule of
 * the seller's for the same sender.
 */
export class SenderRuleBook {
  readonly #persistence: SenderRulesPersistence | undefined;
  #rules: readonly SenderRule[];

  constructor(persistence?: SenderRulesPersistence) {
    this.#persistence = persistence;
    this.#rules = persistence?.load() ?? [];
  }

  /** The seller's rules, in the order they are checked. */
  rules(): readonly SenderRule[] {
    return this.#rules;
  }

  /** Saved first: a rule the seller was told is kept must survive a restart (a failed write changes nothing). */
  async replace(rules: readonly SenderRule[]): Promise<SenderRulesState> {
    await this.#persistence?.save(rules);
    this.#rules = [...rules];
    return this.state();
  }

  state(): SenderRulesState {
    return {
      rules: this.#rules.map((rule) => ({ ...rule })),
      builtIn: BUILT_IN_SENDER_RULES.map((rule) => ({ ...rule })),
    };
  }
}
