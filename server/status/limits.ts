import type { RateLimitRule } from '../http/rate-limit.js';

/** Limits of the status lookup and the operator login (failed attempts only). */
export interface StatusRateLimitSettings {
  /** Failed status lookups (HTTP and socket `status:watch`) per client IP. */
  lookupFailuresPerIp: RateLimitRule;
  /** Failed status lookups per request number (known or not). */
  lookupFailuresPerNumber: RateLimitRule;
  /**
   * Wrong operator tokens (login or Bearer) per client IP and presented token: that token is
   * locked for that IP, other tokens (the right one included) are not.
   */
  operatorLoginFailuresPerToken: RateLimitRule;
  /**
   * Wrong operator tokens per client IP, whatever the token: a ceiling on floods of distinct
   * guesses (and on the memory they take). The right token is never held back by it.
   */
  operatorLoginFailuresPerIp: RateLimitRule;
}

const MINUTE = 60_000;

export const DEFAULT_STATUS_RATE_LIMITS: Readonly<StatusRateLimitSettings> = {
  lookupFailuresPerIp: { limit: 5, windowMs: MINUTE },
  lookupFailuresPerNumber: { limit: 5, windowMs: MINUTE },
  operatorLoginFailuresPerToken: { limit: 10, windowMs: 15 * MINUTE },
  operatorLoginFailuresPerIp: { limit: 100, windowMs: 15 * MINUTE },
};
