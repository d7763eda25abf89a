/** What other parts may import of the status feature: the finished requests, for the surveys. */
export { finishedContacts, requestContact } from './finished.js';
