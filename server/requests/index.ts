/** What other features may import of requests: the check of a lookup code (the status lookup). */
export { hashLookupCode, verifyLookupCode } from './lookup-code.js';
/** What the supervisor's figures read of requests (server/figures/). */
export { requestFacts, type RequestFact } from './facts.js';
