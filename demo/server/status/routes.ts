import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../../src/protocol/endpoints.js';
import { HttpError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { LOOKUP_NOT_FOUND_MESSAGE, LOOKUP_RATE_LIMITED_MESSAGE, type StatusLookup } from './lookup.js';

/** `POST /requests/lookup`: the citizen's status lookup. */
export function registerStatusRoutes(app: FastifyInstance, options: { lookup: StatusLookup }): void {
  defineRoute(app, endpoints.lookupStatus, async ({ body, request }) => {
    const result = await options.lookup.lookup(body.number, body.factor, request.ip);
    if (result.kind === 'rate_limited') {
      throw new HttpError(429, 'rate_limited', LOOKUP_RATE_LIMITED_MESSAGE, undefined, result.retryAfterSeconds);
    }
    // The same error, byte for byte, for an unknown number and for a wrong second factor.
    if (result.kind === 'not_found') throw new HttpError(404, 'not_found', LOOKUP_NOT_FOUND_MESSAGE);
    request.log.info({ requestNumber: result.row.number }, 'status looked up');
    return result.view;
  });
}
