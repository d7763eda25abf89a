/** What other parts may import of offices: the visits whose time has passed, for the surveys. */
export { finishedContacts } from './finished.js';
