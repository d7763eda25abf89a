/**
 * What other features may import of the chat: its finished contacts (the surveys, server/surveys/)
 * and the facts of its contacts (the supervisor's figures, server/figures/).
 */
export { finishedContacts } from './finished.js';
export { chatFacts, type ChatFact } from './facts.js';
/** Since when the longest wait in the chat queue has lasted (the supervisor's alerts, server/alerts/). */
export { oldestWaitingSince } from './queue-wait.js';
