/**
 * What other features may import of the surveys: the types of what they tell it (a finished
 * contact, and which of theirs a query returns) and of what they are given (app.ts wires it).
 */
export type { FinishedContact, FinishedContactFilter, SurveyRecorder } from './contact.js';
