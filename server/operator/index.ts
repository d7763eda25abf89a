/**
 * What other features may import of the operator part: the auth whose `guard` they put on their
 * own operator endpoints (`/operator/api/callbacks…`, `/bookings`, requests, the chat's ticket).
 */
export type { Operator, OperatorAuth } from './auth.js';
