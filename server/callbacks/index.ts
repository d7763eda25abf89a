/** What other parts may import of callbacks: the callbacks marked called, for the surveys. */
export { finishedContacts } from './finished.js';
