import type {
  CheckByDestinationRequest,
  CheckResult,
  CreateVerificationRequest,
  Verification,
} from '@otp-relay/shared';

/**
 * The issuer side of the relay as a plain in-process API: what the HTTP routes call, and what the demo
 * seller center's backend calls directly (as a real shop backend would call a verification service).
 * Every method validates nothing itself beyond business rules (inputs are already parsed by the caller)
 * and throws `RelayError` (from @otp-relay/shared) with a stable code on refusal:
 * verification_not_found, resend_cooldown, send_limit_reached, destination_locked, delivery_failed.
 */
export interface VerificationService {
  create(input: CreateVerificationRequest): Verification;
  get(id: string): Verification;
  check(id: string, code: string): CheckResult;
  checkByDestination(input: CheckByDestinationRequest): CheckResult;
  resend(id: string): Verification;
  cancel(id: string): Verification;
}
