import { LIMITS } from '@otp-relay/shared';

/** The configurable numbers of the contract (shared/src/constants.ts LIMITS); maxAttempts is fixed and not here. */
export interface RelayLimits {
  /** TTL of a code when the request names none. */
  ttlSeconds: number;
  /** Length of a code when the request names none. */
  codeLength: number;
  resendCooldownSeconds: number;
  sendsPerWindow: number;
  sendWindowSeconds: number;
  lockoutThreshold: number;
  lockoutSeconds: number;
  /** Live (pending) verifications at once, over all destinations; past it a create is refused (429). */
  maxLiveVerifications: number;
  /** Destinations with counters at once; idle ones are dropped first, past it a send to a new one is refused. */
  maxDestinations: number;
  /** Virtual TOTP devices at once (they live in memory until deleted or reset); past it a create is refused (429). */
  maxTotpDevices: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
  ttlSeconds: LIMITS.ttlSeconds.default,
  codeLength: LIMITS.codeLength.default,
  resendCooldownSeconds: LIMITS.resendCooldownSeconds,
  sendsPerWindow: LIMITS.sendsPerWindow,
  sendWindowSeconds: LIMITS.sendWindowSeconds,
  lockoutThreshold: LIMITS.lockoutThreshold,
  lockoutSeconds: LIMITS.lockoutSeconds,
  maxLiveVerifications: 100_000,
  maxDestinations: 200_000,
  maxTotpDevices: 1000,
};

const RANGES: Record<keyof RelayLimits, [min: number, max: number]> = {
  ttlSeconds: [LIMITS.ttlSeconds.min, LIMITS.ttlSeconds.max],
  codeLength: [LIMITS.codeLength.min, LIMITS.codeLength.max],
  resendCooldownSeconds: [0, 86_400],
  sendsPerWindow: [1, 1_000_000],
  sendWindowSeconds: [1, 86_400],
  lockoutThreshold: [1, 1_000_000],
  lockoutSeconds: [1, 86_400],
  maxLiveVerifications: [1, 100_000_000],
  maxDestinations: [1, 100_000_000],
  maxTotpDevices: [1, 100_000],
};

/** Defaults with the overrides applied; throws a plain Error naming a value out of range (a startup mistake). */
export function resolveLimits(overrides: Partial<RelayLimits> = {}): RelayLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [name, value] of Object.entries(overrides) as [keyof RelayLimits, number | undefined][]) {
    if (value === undefined) continue;
    const range = RANGES[name];
    if (range === undefined) throw new Error(`Unknown limit "${name}"`);
    const [min, max] = range;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`Limit ${name} must be an integer from ${min} to ${max} (got ${value})`);
    }
    limits[name] = value;
  }
  return limits;
}
