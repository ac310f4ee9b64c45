import { RelayError } from '@otp-relay/shared';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { RateLimit } from './rate-limit.ts';
import { twoStepBusyPage, twoStepPage } from './two-step-pages.ts';
import { createTwoStepSetups, MAX_TOTP_ATTEMPTS, TOTP_SETTINGS, type TwoStepOutcome } from './two-step-setups.ts';

export const TotpCodeBodySchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d+$/, 'Enter the code using digits only')
    .length(TOTP_SETTINGS.digits, `Enter the ${TOTP_SETTINGS.digits}-digit code`),
});

/** What the page shows after a code: the status line's state and words. */
export interface TwoStepView {
  state: TwoStepOutcome['state'];
  message: string;
  attemptsRemaining: number;
  enabled: boolean;
}

export interface TwoStepApiOptions {
  now: () => number;
  maxSetups?: number | undefined;
  /** Spent by every new setup (a page load makes a secret). */
  pace: RateLimit;
}

/** The "turn on two-step verification" page and its one API call, on the relay's clock. */
export function createTwoStepApi({ now, maxSetups, pace }: TwoStepApiOptions) {
  const setups = createTwoStepSetups({ now, maxSetups });

  return {
    /** GET /two-step: a fresh secret for each visit, shown as a QR code and as a key to type. */
    async page(req: Request, res: Response) {
      try {
        pace.take();
      } catch (error) {
        if (!(error instanceof RelayError && error.retryAfterSeconds !== undefined)) throw error;
        res.status(429).set('Retry-After', String(error.retryAfterSeconds));
        res.type('html').send(twoStepBusyPage(req.baseUrl, error.retryAfterSeconds));
        return;
      }
      const setup = setups.start();
      // Loaded on the first setup page, not at relay start (it is most of what the demo adds to start-up).
      const { default: QRCode } = await import('qrcode');
      const svg = await QRCode.toString(setup.uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
      const qr = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      res.type('html').send(twoStepPage(req.baseUrl, setup, qr));
    },

    /** POST /api/two-step/:id/verify {code}: the app's code turns two-step verification on. */
    verify(req: Request, res: Response) {
      const setup = setups.get(String(req.params.id));
      if (!setup) throw new RelayError('not_found', 'No such setup: it may have ended or the relay restarted.');
      const parsed = TotpCodeBodySchema.safeParse(req.body ?? {});
      if (!parsed.success) throw RelayError.fromZod(parsed.error);
      const outcome = setups.verify(setup, parsed.data.code);
      const view: TwoStepView = { ...outcome, message: messageOf(outcome), enabled: setup.enabled };
      res.json(view);
    },
  };
}

function messageOf(outcome: TwoStepOutcome): string {
  switch (outcome.state) {
    case 'success':
      return 'Two-step verification is on';
    case 'wrong': {
      const left = outcome.attemptsRemaining;
      return `That code didn't work. Enter the code your app shows now. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`;
    }
    case 'locked':
      return `${MAX_TOTP_ATTEMPTS} wrong codes. Reload the page to start again with a new key.`;
  }
}
