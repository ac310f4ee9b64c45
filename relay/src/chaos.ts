import type { Channel, ChaosRule, ChaosState, Purpose, SmtpStage } from '@otp-relay/shared';

export type DeliveryPlan =
  | { action: 'deliver'; folder: 'inbox' | 'spam'; delayMs: number }
  | { action: 'drop' }
  | { action: 'fail' };

interface StoredRule {
  rule: ChaosRule;
  remaining: number | null;
}

/** What the SMTP server does at one stage of one message (see planSmtp). */
export type SmtpPlan =
  | { action: 'reject'; smtpCode: number }
  | { action: 'deliver'; folder: 'inbox' | 'spam'; delayMs: number }
  | { action: 'drop' };

/** What is known of a message at a stage of the SMTP dialogue. */
export interface SmtpTarget {
  stage: SmtpStage;
  /** The envelope sender (MAIL FROM), and at DATA also the From header's address: a rule's `from` may name either. */
  senders: readonly string[];
  /** Known from RCPT TO on. */
  to?: string | undefined;
  /** Known at the end of DATA. */
  subject?: string | undefined;
}

/** The answer to DATA for a `fail` rule: a temporary local error, which a sender retries. */
export const SMTP_FAIL_CODE = 451;

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
        ...(rule.smtpCode === undefined ? {} : { smtpCode: rule.smtpCode }),
        ...(rule.stage === undefined ? {} : { stage: rule.stage }),
        ...(rule.probability === undefined ? {} : { probability: rule.probability }),
        remaining,
      })),
    };
  }

  /**
   * Decides what happens to one send, and uses up the rule that decided it. Rules for mail received over SMTP
   * (a `reject`, or a match on sender or subject) never match the relay's own sends.
   */
  plan(target: SendTarget): DeliveryPlan {
    for (const stored of this.#rules) {
      const { match, action, delayMs } = stored.rule;
      if (action === 'reject' || match.from !== undefined || match.subject !== undefined) continue;
      if (match.to !== undefined && match.to !== target.to) continue;
      if (match.channel !== undefined && match.channel !== target.channel) continue;
      if (match.purpose !== undefined && match.purpose !== target.purpose) continue;
      if (!this.#take(stored)) continue;
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

  /**
   * Decides what the SMTP server does at one stage of one message (per recipient from RCPT TO on), and uses up
   * the rule that decided it. At MAIL FROM and RCPT TO only `reject` rules for that stage apply; at the end of
   * DATA, `reject` rules for DATA and every other action. Recipients and senders compare case-insensitively;
   * `subject` matches a part of the subject. Rules naming a purpose are for the relay's own sends only.
   */
  planSmtp(target: SmtpTarget): SmtpPlan {
    const senders = target.senders.map((sender) => sender.toLowerCase());
    const to = target.to?.toLowerCase();
    const subject = target.subject?.toLowerCase();
    for (const stored of this.#rules) {
      const { match, action, delayMs, smtpCode, stage = 'data' } = stored.rule;
      if (action === 'reject' ? stage !== target.stage : target.stage !== 'data') continue;
      if (match.purpose !== undefined) continue;
      if (match.channel !== undefined && match.channel !== 'email') continue;
      if (match.to !== undefined && match.to.toLowerCase() !== to) continue;
      if (match.from !== undefined && !senders.includes(match.from.toLowerCase())) continue;
      if (match.subject !== undefined && !subject?.includes(match.subject.toLowerCase())) continue;
      if (!this.#take(stored)) continue;
      switch (action) {
        case 'reject':
          return { action: 'reject', smtpCode: smtpCode ?? 550 };
        case 'fail':
          return { action: 'reject', smtpCode: SMTP_FAIL_CODE };
        case 'drop':
          return { action: 'drop' };
        case 'spam':
          return { action: 'deliver', folder: 'spam', delayMs: 0 };
        case 'delay':
          return { action: 'deliver', folder: 'inbox', delayMs: delayMs ?? 0 };
      }
    }
    return { action: 'deliver', folder: 'inbox', delayMs: 0 };
  }

  /** Rolls a rule's probability and, when it applies, uses up one of its `times`. */
  #take(stored: StoredRule): boolean {
    const { probability = 1 } = stored.rule;
    if (probability < 1 && this.#random() >= probability) return false;
    if (stored.remaining !== null) {
      stored.remaining -= 1;
      if (stored.remaining <= 0) this.#rules = this.#rules.filter((other) => other !== stored);
    }
    return true;
  }
}
