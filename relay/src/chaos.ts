import type { Channel, ChaosRule, ChaosState, Purpose } from '@otp-relay/shared';

export type DeliveryPlan =
  | { action: 'deliver'; folder: 'inbox' | 'spam'; delayMs: number }
  | { action: 'drop' }
  | { action: 'fail' };

interface StoredRule {
  rule: ChaosRule;
  remaining: number | null;
}

export interface SendTarget {
  to: string;
  channel: Channel;
  purpose: Purpose;
}

/**
 * Test-controlled misbehaviour of the simulated SMS/email network. The first rule that matches a send (and
 * wins its probability roll) decides its fate; a rule with `times` retires itself once used up.
 */
export class Chaos {
  readonly #random: () => number;
  #rules: StoredRule[] = [];

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  set(rules: ChaosRule[]): ChaosState {
    this.#rules = rules.map((rule) => ({ rule, remaining: rule.times ?? null }));
    return this.state();
  }

  clear(): void {
    this.#rules = [];
  }

  state(): ChaosState {
    return {
      rules: this.#rules.map(({ rule, remaining }) => ({
        match: { ...rule.match },
        action: rule.action,
        ...(rule.delayMs === undefined ? {} : { delayMs: rule.delayMs }),
        ...(rule.probability === undefined ? {} : { probability: rule.probability }),
        remaining,
      })),
    };
  }

  /** Decides what happens to one send, and uses up the rule that decided it. */
  plan(target: SendTarget): DeliveryPlan {
    for (const stored of this.#rules) {
      const { match, action, delayMs, probability = 1 } = stored.rule;
      if (match.to !== undefined && match.to !== target.to) continue;
      if (match.channel !== undefined && match.channel !== target.channel) continue;
      if (match.purpose !== undefined && match.purpose !== target.purpose) continue;
      if (probability < 1 && this.#random() >= probability) continue;
      if (stored.remaining !== null) {
        stored.remaining -= 1;
        if (stored.remaining <= 0) this.#rules = this.#rules.filter((other) => other !== stored);
      }
      switch (action) {
        case 'drop':
          return { action: 'drop' };
        case 'fail':
          return { action: 'fail' };
        case 'spam':
          return { action: 'deliver', folder: 'spam', delayMs: 0 };
        case 'delay':
          return { action: 'deliver', folder: 'inbox', delayMs: delayMs ?? 0 };
      }
    }
    return { action: 'deliver', folder: 'inbox', delayMs: 0 };
  }
}
