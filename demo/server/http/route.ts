import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod/mini';
import type { Endpoint } from '../../../src/protocol/endpoints.js';
import { HttpError } from './errors.js';
import { toFieldIssue } from './validation.js';

type Parsed<E, K extends 'body' | 'query'> = E extends { [P in K]: infer S extends z.ZodMiniType } ? z.output<S> : undefined;

export interface RouteContext<E extends Endpoint> {
  /** The request body, parsed by `endpoint.body` (undefined when the endpoint has none). */
  body: Parsed<E, 'body'>;
  /** The query string, parsed by `endpoint.query` (undefined when the endpoint has none). */
  query: Parsed<E, 'query'>;
  /** Path parameters (`/requests/:number` → `params.number`). */
  params: Record<string, string>;
  request: FastifyRequest;
  /** Set headers here, or another status (e.g. `reply.code(503)`) before returning. */
  reply: FastifyReply;
}

export type RouteHandler<E extends Endpoint> = (
  ctx: RouteContext<E>,
) => z.output<E['response']> | Promise<z.output<E['response']>>;

/**
 * Registers one endpoint of the shared contract. The body and query are validated with the
 * endpoint's zod schemas before the handler runs; a failure answers 400 `validation_failed`
 * with one FieldIssue per problem. The handler's return value is sent as JSON with
 * `endpoint.status` (200 unless stated).
 */
export function defineRoute<E extends Endpoint>(app: FastifyInstance, endpoint: E, handler: RouteHandler<E>): void {
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    handler: async (request, reply) => {
      const query = validate(endpoint.query, request.query, 'Параметры запроса не прошли проверку.');
      const body = validate(endpoint.body, request.body, 'Данные запроса не прошли проверку.');
      reply.code(endpoint.status ?? 200);
      const result = await handler({
        body: body as Parsed<E, 'body'>,
        query: query as Parsed<E, 'query'>,
        params: (request.params ?? {}) as Record<string, string>,
        request,
        reply,
      });
      return reply.send(result);
    },
  });
}

function validate(schema: z.ZodMiniType | undefined, input: unknown, message: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new HttpError(400, 'validation_failed', message, result.error.issues.map(toFieldIssue));
}
