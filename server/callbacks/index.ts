/** What other features may import of callbacks: the facts the supervisor's figures read (server/figures/). */
export { callbackFacts, type CallbackFact } from './facts.js';
