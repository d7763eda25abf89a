/** What other parts may import of the status feature: the finished requests, for the surveys. */
export { finishedContacts, requestContact } from './finished.js';
/** The overdue share's counts (the supervisor's alerts, server/alerts/). */
export { overdueCounts, type OverdueCounts } from './overdue.js';
