/**
 * What other features may import of the surveys: the types of what they tell it (a finished
 * contact, and which of theirs a query returns) and of what they are given (app.ts wires it); the
 * answered surveys of a period, for the supervisor's figures.
 */
export { surveyFacts, type AnsweredSurveyFact } from './facts.js';
export type { FinishedContact, FinishedContactFilter, SurveyRecorder } from './contact.js';
/** The latest ratings of each topic (the supervisor's alerts on a run of low ratings, server/alerts/). */
export { latestRatings, type TopicRatings } from './latest-ratings.js';
/**
 * The shared answers of some contacts (the operator's recently closed chats, server/chat/): only
 * those whose citizen agreed to show whose they are.
 */
export { sharedSurveyAnswers, type SharedSurveyAnswer } from './shared-answers.js';
