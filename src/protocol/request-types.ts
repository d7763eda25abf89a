/**
 * The request vocabulary the configuration names (no schemas: the panel reads these without the
 * request form's rules, which come with the form's own file).
 */

/** Kinds of request a citizen can make; config chooses which are offered and in what order. */
export const REQUEST_TYPES = ['technical', 'application', 'status', 'fraud', 'access', 'other'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** How the citizen wants the answer. */
export const ANSWER_CHANNELS = ['email', 'sms', 'phone'] as const;
export type AnswerChannel = (typeof ANSWER_CHANNELS)[number];
