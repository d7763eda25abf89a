// Quality control (issue 17): the citizen's survey after every finished contact.
import { z } from 'zod/mini';
import { contract } from './contract.js';
import { withoutHiddenControls } from './text.js';

export const CONTACT_CHANNELS = ['request', 'callback', 'visit', 'chat'] as const;
/** The channel of a contact with the citizen: a request, a callback, an office visit, a chat. */
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** «Решён ли ваш вопрос?»: да / частично / нет. */
export const SURVEY_RESOLVED = ['yes', 'partly', 'no'] as const;
export type SurveyResolved = (typeof SURVEY_RESOLVED)[number];
/** The survey's comment, at most this many characters (after trimming). */
export const SURVEY_COMMENT_MAX = 1000;
/** Longer tokens are not ours: refused before any work is done. */
export const SURVEY_TOKEN_MAX = 200;
/**
 * The fragment parameter of the survey link in messages: `<site page>#gs-survey=<token>` (a
 * fragment never reaches the site's server logs; the widget's launcher reads it:
 * src/launcher/survey-link.ts).
 */
export const SURVEY_LINK_PARAM = 'gs-survey';

/**
 * A finished contact's survey as a citizen's view carries it (the status lookup, a callback, the
 * chat's state): the token of `GET/POST /surveys/:token`, and whether it was answered. The views'
 * schemas (status.ts, callback.ts, chat.ts) spell the same shape out: importing it from here would
 * put it in a chunk the three channels share, one more file for each to fetch (the size budget).
 */
export const SurveyLink = z.object({
  token: z.string(),
  answered: z.boolean(),
});
export type SurveyLink = z.infer<typeof SurveyLink>;

/**
 * `GET /surveys/:token`: what the survey is about. `reference` is the number the citizen knows
 * (request, callback `CB-…`, booking `V-…`); a chat has none (the widget shows «Чат от <date>» from
 * `finishedAt`).
 */
export const SurveyView = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  reference: z.optional(z.string()),
  /** When the contact finished (ISO). */
  finishedAt: z.string(),
  answered: z.boolean(),
});
export type SurveyView = z.infer<typeof SurveyView>;

/** `POST /surveys/:token`: the answer, once per contact. */
export const SurveyAnswerBody = z.strictObject({
  resolved: z.enum(SURVEY_RESOLVED),
  rating: z.int().check(z.gte(1), z.lte(5)),
  comment: z.optional(z.string().check(z.overwrite(withoutHiddenControls), z.trim(), z.maxLength(SURVEY_COMMENT_MAX, 'too_long'))),
  /** The operator who handled the contact may see whose answer it is (default: no). */
  shareWithOperator: z._default(z.boolean(), false),
});
export type SurveyAnswerBody = z.input<typeof SurveyAnswerBody>;

/** The answer as stored (201 of `POST /surveys/:token`). */
export const SurveyAnswer = z.object({
  resolved: z.enum(SURVEY_RESOLVED),
  rating: z.number(),
  comment: z.optional(z.string()),
  shareWithOperator: z.boolean(),
  answeredAt: z.string(),
});
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

/** `GET /operator/api/surveys`: answers filtered by channel, answer date (Moscow, inclusive) and operator. */
export const OperatorSurveyQuery = z.object({
  channel: z.optional(z.enum(CONTACT_CHANNELS)),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  operator: z.optional(z.string().check(z.maxLength(200, 'too_long'))),
  page: z.optional(z.string().check(z.regex(/^[1-9]\d{0,5}$/, 'invalid'))),
});
export type OperatorSurveyQuery = z.infer<typeof OperatorSurveyQuery>;

/**
 * One answer as an operator sees it: the answer, not the person. `reference` (the contact's
 * number or chat id) only when the citizen agreed (`shareWithOperator`).
 */
export const OperatorSurveyAnswer = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  topic: z.string(),
  operator: z.optional(z.string()),
  resolved: z.enum(SURVEY_RESOLVED),
  rating: z.number(),
  comment: z.optional(z.string()),
  answeredAt: z.string(),
  reference: z.optional(z.string()),
});
export type OperatorSurveyAnswer = z.infer<typeof OperatorSurveyAnswer>;

export const OperatorSurveyList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(OperatorSurveyAnswer),
});
export type OperatorSurveyList = z.infer<typeof OperatorSurveyList>;

export const surveyEndpoints = {
  survey: contract()({ method: 'GET', path: '/surveys/:token', response: SurveyView }),
  answerSurvey: contract<SurveyAnswerBody>()({ method: 'POST', path: '/surveys/:token', response: SurveyAnswer }),
};
