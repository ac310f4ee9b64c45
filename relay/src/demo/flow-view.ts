import {
  type CheckResult,
  type ErrorCode,
  maskDestination,
  type Verification,
  type VerificationStatus,
} from '@otp-relay/shared';
import type { DemoFlow } from './flow-store.ts';

/** What the page shows in its status line; `data-state` on `[data-testid=status]`. */
export type DemoState = 'sent' | 'success' | 'wrong' | 'expired' | 'locked' | 'error';

/** Everything a page needs about a flow. Never the code, never the full destination. */
export interface FlowView {
  id: string;
  /** The relay's id of the current verification (not a secret: useless without the relay token). */
  verificationId: string;
  flow: DemoFlow['kind'];
  action: DemoFlow['action'] | null;
  channel: DemoFlow['channel'];
  maskedDestination: string;
  codeLength: number;
  status: VerificationStatus;
  attemptsRemaining: number;
  sendCount: number;
  /** The relay's clock when this view was made (ms): pages count down against it, not their own clock. */
  serverNow: number;
  expiresAt: number;
  resendAvailableAt: number;
  state: DemoState;
  message: string;
}

/** The status as of `now`: a pending code past its expiry is expired even if the relay's timer has not fired. */
export function effectiveStatus(verification: Verification, now: number): VerificationStatus {
  if (verification.status === 'pending' && now >= Date.parse(verification.expiresAt)) return 'expired';
  return verification.status;
}

export function toView(flow: DemoFlow, now: number, outcome?: { state: DemoState; message: string }): FlowView {
  const v = flow.last;
  const status = flow.completed ? 'approved' : effectiveStatus(v, now);
  return {
    id: flow.id,
    verificationId: flow.verificationId,
    flow: flow.kind,
    action: flow.action ?? null,
    channel: flow.channel,
    maskedDestination: maskDestination(flow.to),
    codeLength: v.codeLength,
    status,
    attemptsRemaining: v.attemptsRemaining,
    sendCount: v.sendCount,
    serverNow: now,
    expiresAt: Date.parse(v.expiresAt),
    // A dead code can always be replaced by a new one: no cooldown to show.
    resendAvailableAt: status === 'pending' ? Date.parse(v.resendAvailableAt) : now,
    ...(outcome ?? outcomeOfStatus(flow, status)),
  };
}

export function outcomeOfStatus(flow: DemoFlow, status: VerificationStatus): { state: DemoState; message: string } {
  switch (status) {
    case 'pending':
      return { state: 'sent', message: sentMessage(flow, false) };
    case 'approved':
      return { state: 'success', message: successMessage(flow) };
    case 'expired':
      return { state: 'expired', message: 'This code has expired. Request a new one.' };
    case 'max_attempts_reached':
      return { state: 'locked', message: 'Too many wrong attempts. Request a new code.' };
    case 'canceled':
      return { state: 'error', message: 'This code is no longer valid. Request a new one.' };
  }
}

export function outcomeOfCheck(flow: DemoFlow, result: CheckResult): { state: DemoState; message: string } {
  if (result.valid) return { state: 'success', message: successMessage(flow) };
  if (result.status === 'pending') {
    const left = result.attemptsRemaining ?? flow.last.attemptsRemaining;
    return { state: 'wrong', message: `Wrong code. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.` };
  }
  return outcomeOfStatus(flow, result.status);
}

export function sentMessage(flow: DemoFlow, again: boolean): string {
  const by = flow.channel === 'sms' ? 'by SMS' : 'by email';
  return `We sent ${again ? 'a new' : 'a'} code ${by} to ${maskDestination(flow.to)}.`;
}

export function successMessage(flow: DemoFlow): string {
  switch (flow.kind) {
    case 'signup':
      return flow.channel === 'sms' ? 'Phone verified' : 'Email verified';
    case 'login':
      return 'Signed in';
    case 'confirm':
      return flow.action === 'settings' ? 'Settings change confirmed' : 'Payout confirmed';
  }
}

/** Plain words for every refusal the service can give, keyed by its stable code. */
export function outcomeOfError(
  code: ErrorCode,
  detail: string,
  retryAfterSeconds?: number,
): { state: DemoState; message: string } {
  switch (code) {
    case 'resend_cooldown':
      return { state: 'error', message: `You can request a new code in ${clock(retryAfterSeconds ?? 0)}.` };
    case 'send_limit_reached':
      return {
        state: 'error',
        message: `You've requested too many codes. Try again${retryAfterSeconds ? ` in ${minutes(retryAfterSeconds)}` : ' later'}.`,
      };
    case 'destination_locked':
      return {
        state: 'locked',
        message: `Too many failed attempts for this number or email. Try again${retryAfterSeconds ? ` in ${minutes(retryAfterSeconds)}` : ' later'}.`,
      };
    case 'rate_limited':
      return {
        state: 'error',
        message: `Seller Center is getting too many requests right now. Try again in ${seconds(retryAfterSeconds ?? 1)}.`,
      };
    case 'delivery_failed':
      return { state: 'error', message: "We couldn't send the code. Check your number or email and try again." };
    case 'verification_not_found':
    case 'not_found':
      return { state: 'error', message: 'This verification is no longer available. Start again.' };
    case 'validation_failed':
      return { state: 'error', message: 'Please check the highlighted fields.' };
    case 'internal_error':
      return { state: 'error', message: 'Something went wrong on our side. Try again.' };
    default:
      return { state: 'error', message: detail };
  }
}

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function seconds(n: number): string {
  if (n >= 60) return minutes(n);
  return n === 1 ? '1 second' : `${n} seconds`;
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}
