import type { FastifyInstance } from 'fastify';
import { endpoints } from '#protocol/endpoints.js';
import type { StatusWatchQuery } from '#protocol/status.js';
import { keepOpen } from '../http/connections.js';
import { HttpError } from '../http/errors.js';
import { defineRoute, validate } from '../http/route.js';
import { LOOKUP_NOT_FOUND_MESSAGE, LOOKUP_RATE_LIMITED_MESSAGE, type StatusLookup } from './lookup.js';
import type { WatchHub } from './watch-hub.js';
import type { WatchTokens } from './watch-token.js';

/** One answer for a forged, damaged or expired token, and for a request that no longer exists. */
export const WATCH_NOT_FOUND_MESSAGE =
  'Ссылка на обновления статуса недействительна или устарела. Найдите обращение заново по номеру и коду.';
export const WATCH_LIMIT_MESSAGE = 'Слишком много открытых подписок на статус. Закройте лишние вкладки и повторите позже.';
/** Retry-After of a refused stream: open streams have no window to wait for, so a guess. */
export const WATCH_LIMIT_RETRY_SECONDS = 30;

export interface StatusRoutesOptions {
  lookup: StatusLookup;
  tokens: WatchTokens;
  hub: WatchHub;
}

/** `POST /requests/lookup` (the citizen's status lookup) and `GET /requests/watch` (its live updates). */
export function registerStatusRoutes(app: FastifyInstance, options: StatusRoutesOptions): void {
  const { lookup, tokens, hub } = options;

  defineRoute(app, endpoints.lookupStatus, async ({ body, request }) => {
    const result = await lookup.lookup(body.number, body.factor, request.ip);
    if (result.kind === 'rate_limited') {
      throw new HttpError(429, 'rate_limited', LOOKUP_RATE_LIMITED_MESSAGE, undefined, result.retryAfterSeconds);
    }
    // The same error, byte for byte, for an unknown number and for a wrong second factor.
    if (result.kind === 'not_found') throw new HttpError(404, 'not_found', LOOKUP_NOT_FOUND_MESSAGE);
    request.log.info({ requestNumber: result.row.number }, 'status looked up');
    return { ...result.view, watchToken: tokens.issue(result.row.number) };
  });

  // A stream, not one JSON body: not through defineRoute. The stream is Fastify's payload, so
  // the CORS and security headers of the app's hooks are kept.
  const endpoint = endpoints.watchStatus;
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    // HEAD would open a stream nobody reads.
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const query = validate(request, endpoint.query, request.query, 'Параметры запроса не прошли проверку.') as StatusWatchQuery;
      const number = tokens.verify(query.token);
      // A request, or a callback (CB-…): whatever the lookup gave the token for.
      const view = number === undefined ? undefined : await lookup.current(number);
      if (!view) throw new HttpError(404, 'not_found', WATCH_NOT_FOUND_MESSAGE);

      const opened = hub.open(view.number, request.ip, view, reply.raw);
      if (!opened.ok) {
        if (opened.reason === 'closed') throw new HttpError(503, 'internal', 'Сервер останавливается. Повторите попытку позже.');
        throw new HttpError(429, 'rate_limited', WATCH_LIMIT_MESSAGE, undefined, WATCH_LIMIT_RETRY_SECONDS);
      }
      request.log.info({ requestNumber: view.number }, 'status stream opened');
      // The stream has a keep-alive of its own: not cut by the connection's idle timeout.
      keepOpen(request.raw.socket);
      return reply
        .code(200)
        .header('Content-Type', `${endpoint.stream}; charset=utf-8`)
        .header('Cache-Control', 'no-store')
        .header('X-Accel-Buffering', 'no')
        .send(opened.stream.body);
    },
  });
}
