/** When a code sent at `sentAt` dies, and when the next one may be asked for. */
export interface CodeDeadlines {
  expiresAt: number;
  resendAvailableAt: number;
}

/**
 * The one place a code's deadlines are computed, for the first code (create) and every new one (resend):
 * each code lives `ttlMs` from its own send and the cooldown runs from that send too. ms on the relay's clock.
 */
export function codeDeadlines(sentAt: number, ttlMs: number, resendCooldownSeconds: number): CodeDeadlines {
  return { expiresAt: sentAt + ttlMs, resendAvailableAt: sentAt + resendCooldownSeconds * 1000 };
}
