/** What other features may import of the chat: the facts the supervisor's figures read (server/figures/). */
export { chatFacts, type ChatFact } from './facts.js';
