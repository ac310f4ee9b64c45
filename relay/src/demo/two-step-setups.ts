import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { FLOW_ID_PATTERN } from './flow-store.ts';
import { SHOP_NAME } from './layout.ts';

/** What every demo authenticator entry uses: the defaults of nearly every real site (RFC 6238's too). */
export const TOTP_SETTINGS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** The account name an authenticator app shows under the shop's name. */
export const TOTP_ACCOUNT = 'Seller Center';
export const MAX_TOTP_ATTEMPTS = 5;

/** One visitor's "turn on two-step verification": a fresh secret, waiting for the first code from the app. */
export interface TwoStepSetup {
  id: string;
  /** Base32, as authenticator apps take it typed. */
  secret: string;
  /** The same secret as `otpauth://totp/…`, what the QR code holds. */
  uri: string;
  attemptsRemaining: number;
  enabled: boolean;
}

export type TwoStepOutcome =
  | { state: 'success'; attemptsRemaining: number }
  | { state: 'wrong'; attemptsRemaining: number }
  | { state: 'locked'; attemptsRemaining: 0 };

export interface TwoStepSetupsOptions {
  /** The relay's clock in ms: codes are judged on the relay's time, so a test clock moves them too. */
  now: () => number;
  /** How many setups to keep before the oldest goes (default 200). */
  maxSetups?: number | undefined;
}

/**
 * The demo's authenticator setups, in memory and capped like its flows. The TOTP maths is the `otpauth`
 * library's; a code is accepted one period early or late (window 1), as real sites allow for phone clocks.
 */
export function createTwoStepSetups({ now, maxSetups = 200 }: TwoStepSetupsOptions) {
  const setups = new Map<string, TwoStepSetup>();

  return {
    start(): TwoStepSetup {
      const secret = new OTPAuth.Secret({ size: 20 });
      const setup: TwoStepSetup = {
        id: randomBytes(16).toString('base64url'),
        secret: secret.base32,
        uri: totpOf(secret.base32).toString(),
        attemptsRemaining: MAX_TOTP_ATTEMPTS,
        enabled: false,
      };
      setups.set(setup.id, setup);
      while (setups.size > maxSetups) {
        const oldest = setups.keys().next();
        if (oldest.done) break;
        setups.delete(oldest.value);
      }
      return setup;
    },

    get(id: string): TwoStepSetup | undefined {
      return FLOW_ID_PATTERN.test(id) ? setups.get(id) : undefined;
    },

    /** Judges `code` on the relay's clock; five wrong codes end the setup (a new page load starts another). */
    verify(setup: TwoStepSetup, code: string): TwoStepOutcome {
      if (setup.enabled) return { state: 'success', attemptsRemaining: setup.attemptsRemaining };
      if (setup.attemptsRemaining === 0) return { state: 'locked', attemptsRemaining: 0 };
      if (totpOf(setup.secret).validate({ token: code, timestamp: now(), window: 1 }) !== null) {
        setup.enabled = true;
        return { state: 'success', attemptsRemaining: setup.attemptsRemaining };
      }
      setup.attemptsRemaining -= 1;
      if (setup.attemptsRemaining === 0) return { state: 'locked', attemptsRemaining: 0 };
      return { state: 'wrong', attemptsRemaining: setup.attemptsRemaining };
    },

    get size() {
      return setups.size;
    },
  };
}

export function totpOf(secret: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: SHOP_NAME,
    label: TOTP_ACCOUNT,
    secret: OTPAuth.Secret.fromBase32(secret),
    ...TOTP_SETTINGS,
  });
}
