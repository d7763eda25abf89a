/** What other parts may import of the chat: the closed conversations, for the surveys. */
export { finishedContacts } from './finished.js';
