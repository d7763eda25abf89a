/**
 * What other features may import of offices: its finished contacts (the surveys, server/surveys/)
 * and the facts of its contacts (the supervisor's figures, server/figures/).
 */
export { finishedContacts } from './finished.js';
export { visitFacts, type VisitFact } from './facts.js';
