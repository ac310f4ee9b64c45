import { z } from 'zod';
import { ChannelSchema, PurposeSchema, TimestampSchema } from './verification.ts';

/** What a chaos rule does to the messages it matches. */
export const ChaosActionSchema = z.enum(['drop', 'delay', 'spam', 'fail']);
export type ChaosAction = z.infer<typeof ChaosActionSchema>;

export const ChaosRuleSchema = z
  .strictObject({
    match: z
      .strictObject({
        to: z.string().min(1).max(320).optional(),
        channel: ChannelSchema.optional(),
        purpose: PurposeSchema.optional(),
      })
      .default({}),
    action: ChaosActionSchema,
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
      }),
      action: ChaosActionSchema,
      delayMs: z.int().optional(),
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
