import type { FastifyInstance } from 'fastify';
import { endpoints } from '#protocol/endpoints.js';
import { HttpError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { CSRF_HEADER, CSRF_VALUE, type OperatorAuth } from './auth.js';

/**
 * The operator's session under /operator/api (see src/protocol/operator.ts): login, session,
 * logout. Each feature registers its own operator endpoints behind `auth.guard`
 * (status/operator-routes.ts, callbacks/operator-routes.ts, offices/operator-routes.ts, the chat's ticket).
 */
export function registerOperatorRoutes(app: FastifyInstance, options: { auth: OperatorAuth }): void {
  const { auth } = options;

  defineRoute(app, endpoints.operatorLogin, ({ body, request, reply }) => auth.login(request, reply, body.token, body.operatorName));

  defineRoute(app, endpoints.operatorSession, async ({ request }) => {
    const session = await auth.session(request);
    if (!session) throw new HttpError(401, 'unauthorized', 'Нужен вход оператора: войдите с токеном оператора.');
    return session;
  });

  defineRoute(
    app,
    endpoints.operatorLogout,
    async ({ request, reply }) => {
      await auth.logout(request, reply);
      return { ok: true };
    },
    {
      // Logging out twice is fine; a live session must still come with the CSRF header.
      onRequest: async (request) => {
        if ((await auth.session(request)) && request.headers[CSRF_HEADER] !== CSRF_VALUE) {
          throw new HttpError(403, 'forbidden', 'Запрос отклонён: нет заголовка X-Requested-With: gs-operator (защита от CSRF).');
        }
      },
    },
  );
}
