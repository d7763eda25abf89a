import type { RateLimitRule } from '../http/rate-limit.js';

/** Limits of the public survey endpoints. */
export interface SurveyRateLimitSettings {
  /** `GET` and `POST /surveys/:token` per client IP (a token guessed at is refused before it is checked). */
  surveysPerIp: RateLimitRule;
}

export const DEFAULT_SURVEY_RATE_LIMITS: Readonly<SurveyRateLimitSettings> = {
  surveysPerIp: { limit: 30, windowMs: 60_000 },
};
