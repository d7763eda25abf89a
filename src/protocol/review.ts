// Quality control of a request (issue 17 point 3): the three stages of the support service's
// rules — «Регистрация обращения», «Экспертиза», «Обратная связь» (the supervisor's analysis) —
// and the reopening of a request with a reason.
import { z } from 'zod/mini';
import { withoutHiddenControls } from './text.js';

/**
 * The expert review's outcomes: whether the answer meets the rules («проверяют соответствие
 * обращения установленным нормативам, проводят оценку исполнения и фиксируют отклонения»).
 */
export const REVIEW_OUTCOMES = ['compliant', 'needs_rework', 'deadline_missed', 'procedure_violated'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** The outcomes as the console shows them. */
export const REVIEW_OUTCOME_LABELS: Readonly<Record<ReviewOutcome, string>> = {
  compliant: 'Ответ полный и по существу',
  needs_rework: 'Требует доработки',
  deadline_missed: 'Нарушен срок ответа',
  procedure_violated: 'Нарушен порядок рассмотрения',
};

/** Longest review note, analysis remark and reopening reason, in characters (after trimming). */
export const REVIEW_NOTE_MAX = 1000;
export const ANALYSIS_REMARK_MAX = 2000;
export const REOPEN_REASON_MAX = 1000;

/** Text from an operator: hidden controls stripped, trimmed, at most `max` characters. */
const operatorText = (max: number) => z.string().check(z.overwrite(withoutHiddenControls), z.trim(), z.maxLength(max, 'too_long'));

/** `POST /operator/api/requests/:number/review`: the expert review of a final request's answer. */
export const ReviewBody = z.strictObject({
  outcome: z.enum(REVIEW_OUTCOMES),
  note: z.optional(operatorText(REVIEW_NOTE_MAX)),
});
export type ReviewBody = z.input<typeof ReviewBody>;

/** `POST /operator/api/requests/:number/analysis`: the supervisor's closing remark (required). */
export const AnalysisBody = z.strictObject({
  remark: operatorText(ANALYSIS_REMARK_MAX).check(z.minLength(1, 'required')),
});
export type AnalysisBody = z.input<typeof AnalysisBody>;

/** `POST /operator/api/requests/:number/reopen`: back to work from a final status, with a reason. */
export const ReopenBody = z.strictObject({
  reason: operatorText(REOPEN_REASON_MAX).check(z.minLength(1, 'required')),
});
export type ReopenBody = z.input<typeof ReopenBody>;

export const RequestReview = z.object({
  outcome: z.enum(REVIEW_OUTCOMES),
  note: z.optional(z.string()),
  operator: z.string(),
  at: z.string(),
});
export type RequestReview = z.infer<typeof RequestReview>;

export const RequestAnalysis = z.object({
  remark: z.string(),
  operator: z.string(),
  at: z.string(),
});
export type RequestAnalysis = z.infer<typeof RequestAnalysis>;

/**
 * A reopening: a final status followed by a non-final one. `reason` when it was reopened through
 * `…/reopen`; none when an operator simply set a non-final status (`…/status`).
 */
export const RequestReopening = z.object({
  at: z.string(),
  operator: z.optional(z.string()),
  /** The status it went back to. */
  status: z.string(),
  reason: z.optional(z.string()),
});
export type RequestReopening = z.infer<typeof RequestReopening>;

/**
 * The stage a request is at: `registered` (in work: no answer to review yet), `review` (final,
 * awaiting the expert review), `analysis` (reviewed, awaiting the supervisor's remark), `done`.
 */
export const REQUEST_STAGES = ['registered', 'review', 'analysis', 'done'] as const;
export type RequestStage = (typeof REQUEST_STAGES)[number];

export const RequestStages = z.object({
  /** Resolution rounds so far: 0, then one more after each reopening. */
  round: z.number(),
  current: z.enum(REQUEST_STAGES),
  registered: z.object({ at: z.string() }),
  /** The review and the analysis of the current round. */
  review: z.nullable(RequestReview),
  analysis: z.nullable(RequestAnalysis),
  /** Earlier rounds' reviews (and analyses), oldest first. */
  earlierRounds: z.array(z.object({ round: z.number(), review: RequestReview, analysis: z.nullable(RequestAnalysis) })),
  reopenings: z.array(RequestReopening),
  /** What the caller may do now (the server checks again). */
  actions: z.object({ review: z.boolean(), analysis: z.boolean(), reopen: z.boolean() }),
});
export type RequestStages = z.infer<typeof RequestStages>;
