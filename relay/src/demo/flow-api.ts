import {
  ChannelSchema,
  CreateVerificationRequestSchema,
  type Purpose,
  RelayError,
  type Verification,
} from '@otp-relay/shared';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { VerificationService } from '../service.ts';
import { createFlowStore, type DemoFlow } from './flow-store.ts';
import { effectiveStatus, outcomeOfCheck, sentMessage, toView } from './flow-view.ts';
import type { RateLimit } from './rate-limit.ts';

const destination = z
  .string()
  .trim()
  .min(1, 'Enter your phone number or email address')
  .max(320, 'Too long for a phone number or email address');

/** What a page may ask to start: the fields a person typed, nothing the relay decides (origin, purpose). */
export const StartFlowSchema = z.discriminatedUnion('flow', [
  z.strictObject({ flow: z.literal('signup'), channel: ChannelSchema, to: destination }),
  z.strictObject({
    flow: z.literal('login'),
    channel: z.literal('email'),
    to: destination,
    // Any password is accepted: the demo is about the code step that follows it.
    password: z.string().min(1, 'Enter your password').max(200),
  }),
  z.strictObject({
    flow: z.literal('confirm'),
    action: z.enum(['payout', 'settings']),
    channel: ChannelSchema,
    to: destination,
  }),
]);

export const VerifyBodySchema = z.strictObject({
  code: z.string().trim().regex(/^\d+$/, 'Enter the code using digits only').max(10, 'That code is too long'),
});

export interface FlowApiOptions {
  service: VerificationService;
  now: () => number;
  /** How many flows to keep before the oldest goes (default 1000). */
  maxFlows?: number | undefined;
  /** Spent by every request that sends a code (start and resend). */
  sends: RateLimit;
}

/** The demo shop's backend: each handler calls the verification service in-process, as a real shop would. */
export function createFlowApi({ service, now, maxFlows, sends }: FlowApiOptions) {
  // A flow dropped to make room takes its code with it: nobody can finish it, so nobody may use its code.
  const flows = createFlowStore({ maxFlows, onEvict: release });

  function flowOf(req: Request): DemoFlow {
    const flow = flows.get(String(req.params.id));
    if (!flow) throw new RelayError('not_found', 'No such demo flow: it may have ended or the relay restarted.');
    return flow;
  }

  /** Cancels the flow's verification if it may still be live; one the relay already dropped is fine. */
  function release(flow: DemoFlow): void {
    if (flow.completed || flow.last.status !== 'pending') return;
    try {
      flow.last = service.cancel(flow.verificationId);
    } catch (error) {
      if (!(error instanceof RelayError && error.code === 'verification_not_found')) throw error;
    }
  }

  /** The service's current view of the flow's verification; a finished or dropped one keeps its last state. */
  function refresh(flow: DemoFlow): Verification {
    try {
      flow.last = service.get(flow.verificationId);
    } catch (error) {
      if (!(error instanceof RelayError && error.code === 'verification_not_found')) throw error;
      // Gone from the relay (reset, or dropped after approval): unless it was approved, it is dead.
      if (!flow.completed && flow.last.status === 'pending') flow.last = { ...flow.last, status: 'canceled' };
    }
    return flow.last;
  }

  return {
    start(req: Request, res: Response) {
      const input = parse(StartFlowSchema, req.body);
      const channel = input.channel;
      const to = channel === 'sms' ? input.to.replace(/[\s().-]/g, '') : input.to;
      const purpose: Purpose =
        input.flow === 'confirm' ? (input.action === 'payout' ? 'transaction' : 'account_change') : input.flow;
      // The code is bound to exactly this page's origin; the relay has already checked Host against its allow-list.
      const origin = `${req.protocol}://${req.get('host')}`;
      // Split digit boxes are drawn for six digits, so the confirm page asks for exactly six.
      const codeLength = input.flow === 'confirm' ? 6 : undefined;
      const request = parse(CreateVerificationRequestSchema, {
        to,
        channel,
        purpose,
        origin,
        ...(codeLength === undefined ? {} : { codeLength }),
      });
      sends.take();
      const verification = service.create(request);
      const flow = flows.add({
        kind: input.flow,
        action: input.flow === 'confirm' ? input.action : undefined,
        channel,
        to,
        purpose,
        origin,
        codeLength,
        verificationId: verification.id,
        last: verification,
        completed: false,
      });
      res.status(201).json(toView(flow, now(), { state: 'sent', message: sentMessage(flow, false) }));
    },

    show(req: Request, res: Response) {
      const flow = flowOf(req);
      refresh(flow);
      res.json(toView(flow, now()));
    },

    verify(req: Request, res: Response) {
      const flow = flowOf(req);
      const { code } = parse(VerifyBodySchema, req.body);
      const before = refresh(flow);
      if (flow.completed || effectiveStatus(before, now()) !== 'pending') {
        res.json(toView(flow, now()));
        return;
      }
      if (code.length !== before.codeLength) {
        throw new RelayError('validation_failed', 'Invalid body: code', {
          errors: [{ field: 'code', message: `Enter the ${before.codeLength}-digit code` }],
        });
      }
      const result = service.check(flow.verificationId, code);
      if (result.valid) flow.completed = true;
      const after = refresh(flow);
      flow.last = {
        ...after,
        status: result.status,
        attemptsRemaining: result.attemptsRemaining ?? after.attemptsRemaining,
      };
      res.json(toView(flow, now(), outcomeOfCheck(flow, result)));
    },

    resend(req: Request, res: Response) {
      const flow = flowOf(req);
      const current = refresh(flow);
      if (flow.completed) {
        res.json(toView(flow, now()));
        return;
      }
      sends.take();
      if (effectiveStatus(current, now()) === 'pending') {
        flow.last = service.resend(flow.verificationId);
      } else {
        // Expired, locked or canceled: a dead verification cannot be resent, so the shop starts a new one.
        const fresh = service.create({
          to: flow.to,
          channel: flow.channel,
          purpose: flow.purpose,
          origin: flow.origin,
          ...(flow.codeLength === undefined ? {} : { codeLength: flow.codeLength }),
        });
        flow.verificationId = fresh.id;
        flow.last = fresh;
      }
      res.json(toView(flow, now(), { state: 'sent', message: sentMessage(flow, true) }));
    },

    /** The visitor went back to edit the destination: the code sent to the old one must not stay usable. */
    cancel(req: Request, res: Response) {
      const flow = flows.get(String(req.params.id));
      if (flow) {
        flows.delete(flow.id);
        release(flow);
      }
      res.status(204).end();
    },
  };
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw RelayError.fromZod(result.error);
  return result.data;
}
