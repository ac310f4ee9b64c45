import { z } from 'zod';
import { ChannelSchema, PurposeSchema, TimestampSchema } from './verification.ts';

/**
 * What a chaos rule does to the messages it matches. `reject` is for mail the relay's SMTP server receives:
 * it answers `smtpCode` at `stage`. On SMTP, `delay` holds back the answer to DATA (then delivers), `drop`
 * accepts and loses the message, `spam` delivers to the spam folder and `fail` answers 451 to DATA.
 */
export const ChaosActionSchema = z.enum(['drop', 'delay', 'spam', 'fail', 'reject']);
export type ChaosAction = z.infer<typeof ChaosActionSchema>;

/** The SMTP command a `reject` rule answers: MAIL FROM, RCPT TO, or the end of DATA (the default). */
export const SmtpStageSchema = z.enum(['mail-from', 'rcpt-to', 'data']);
export type SmtpStage = z.infer<typeof SmtpStageSchema>;

export const ChaosRuleSchema = z
  .strictObject({
    match: z
      .strictObject({
        to: z.string().min(1).max(320).optional(),
        channel: ChannelSchema.optional(),
        purpose: PurposeSchema.optional(),
        /** The sender's address (SMTP envelope or From header, case-insensitive); only mail received over SMTP has one. */
        from: z.string().min(1).max(320).optional(),
        /** Part of the subject (case-insensitive); only mail received over SMTP has one. */
        subject: z.string().min(1).max(998).optional(),
      })
      .default({}),
    action: ChaosActionSchema,
    /** For `reject`: the SMTP reply code (4xx temporary, 5xx permanent). */
    smtpCode: z.int().min(400).max(599).optional(),
    /** For `reject`: which command gets it (default `data`). */
    stage: SmtpStageSchema.optional(),
    /** For `delay`: how long the message is held back. */
    delayMs: z.int().min(0).max(600_000).optional(),
    /** Chance the rule applies to a matching send (default 1). */
    probability: z.number().min(0).max(1).optional(),
    /** Apply to this many sends, then the rule retires itself (default: forever). */
    times: z.int().min(1).max(1_000_000).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.action === 'delay' && rule.delayMs === undefined) {
      ctx.addIssue({ code: 'custom', path: ['delayMs'], message: 'is required for action "delay"' });
    }
    if (rule.action !== 'delay' && rule.delayMs !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['delayMs'], message: 'only applies to action "delay"' });
    }
    if (rule.action === 'reject' && rule.smtpCode === undefined) {
      ctx.addIssue({ code: 'custom', path: ['smtpCode'], message: 'is required for action "reject"' });
    }
    for (const field of ['smtpCode', 'stage'] as const) {
      if (rule.action !== 'reject' && rule[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'only applies to action "reject"' });
      }
    }
    // What a stage cannot know yet cannot decide it: at MAIL FROM there is no recipient, before DATA no subject.
    const stage = rule.stage ?? 'data';
    if (rule.action === 'reject' && stage !== 'data' && rule.match.subject !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['match', 'subject'], message: `is not known yet at ${stage}` });
    }
    if (rule.action === 'reject' && stage === 'mail-from' && rule.match.to !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['match', 'to'], message: 'is not known yet at mail-from' });
    }
  });
export type ChaosRule = z.infer<typeof ChaosRuleSchema>;
/** A rule as a client writes it (`match` may be left out: it defaults to matching every send). */
export type ChaosRuleInput = z.input<typeof ChaosRuleSchema>;

export const ChaosConfigSchema = z.strictObject({ rules: z.array(ChaosRuleSchema).max(100) });
export type ChaosConfig = z.infer<typeof ChaosConfigSchema>;

/** Rules as stored, with what is left of `times`. */
export const ChaosStateSchema = z.object({
  rules: z.array(
    z.object({
      match: z.object({
        to: z.string().optional(),
        channel: ChannelSchema.optional(),
        purpose: PurposeSchema.optional(),
        from: z.string().optional(),
        subject: z.string().optional(),
      }),
      action: ChaosActionSchema,
      delayMs: z.int().optional(),
      smtpCode: z.int().optional(),
      stage: SmtpStageSchema.optional(),
      probability: z.number().optional(),
      remaining: z.int().nullable(),
    }),
  ),
});
export type ChaosState = z.infer<typeof ChaosStateSchema>;

export const ClockAdvanceRequestSchema = z.strictObject({
  ms: z
    .int()
    .min(1)
    .max(31 * 86_400_000),
});
export type ClockAdvanceRequest = z.infer<typeof ClockAdvanceRequestSchema>;

export const ClockStateSchema = z.object({ now: TimestampSchema, testClock: z.boolean() });
export type ClockState = z.infer<typeof ClockStateSchema>;

export const HealthSchema = z.object({ ok: z.literal(true) });
