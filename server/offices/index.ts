/** What other features may import of offices: the facts the supervisor's figures read (server/figures/). */
export { visitFacts, type VisitFact } from './facts.js';
