import type { FastifyInstance } from 'fastify';
import { endpoints } from '#protocol/endpoints.js';
import type { FiguresQuery } from '#protocol/figures.js';
import { validate } from '../http/route.js';
import type { OperatorAuth } from '../operator/index.js';
import { figuresCsv } from './csv.js';
import type { FiguresService } from './service.js';

export interface FiguresRoutesOptions {
  auth: OperatorAuth;
  service: FiguresService;
  /** OPERATORS_SEE_ALL_FIGURES=1: operators see every operator's row, like supervisors. */
  operatorsSeeAll: boolean;
}

/**
 * `GET /operator/api/figures` behind the operator guard: JSON, or CSV with `format=csv` (so it
 * registers itself rather than through defineRoute, validating the query the same way).
 */
export function registerFiguresRoutes(app: FastifyInstance, options: FiguresRoutesOptions): void {
  const { auth, service } = options;
  const endpoint = endpoints.operatorFigures;
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    onRequest: auth.guard,
    handler: async (request, reply) => {
      const query = validate(request, endpoint.query, request.query, 'Параметры запроса не прошли проверку.') as FiguresQuery;
      const all = await service.figures(query);
      // A supervisor sees every group; an operator the totals, the channels and topics, and of
      // the operators only their own row (unless every operator may see all).
      const viewer = auth.operator(request);
      const seesAll = viewer.role === 'supervisor' || options.operatorsSeeAll;
      const figures = seesAll || query.groupBy !== 'operator' ? all : { ...all, groups: all.groups.filter((g) => g.operator === viewer.operatorName) };
      if (query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="figures-${query.from}-${query.to}-${query.groupBy}.csv"`)
          .send(figuresCsv(figures));
      }
      return reply.send(figures);
    },
  });
}
