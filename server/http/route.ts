import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod/mini';
import type { Endpoint } from '#protocol/endpoints.js';
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

type SchemaLike<E extends Endpoint, K extends 'body' | 'query'> = z.ZodMiniType<Parsed<E, K>, unknown>;

export interface DefineRouteOptions<E extends Endpoint> {
  /**
   * Validates the body with this schema instead of `endpoint.body`: one built from the server's
   * own configuration and clock (e.g. `requestSchema({ types: config.requestForm.types, … })`).
   * Its output must be the endpoint's; failures answer the same 400 as `endpoint.body`'s.
   */
  body?: SchemaLike<E, 'body'>;
  /** Validates the query string with this schema instead of `endpoint.query`. */
  query?: SchemaLike<E, 'query'>;
  /** Largest request body in bytes for the built-in parsers (Fastify's default: 1 MiB). */
  bodyLimit?: number;
  /**
   * Runs before the body is read (rate limits, header checks): throw an HttpError to refuse the
   * request without receiving its body.
   */
  onRequest?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

/** At most this many FieldIssues in one answer: a body of 100 000 bad list items gets 50. */
export const MAX_ISSUES = 50;

/**
 * Registers one endpoint of the shared contract. The body and query are validated with the
 * endpoint's zod schemas (or those of `options`) before the handler runs; a failure answers 400
 * `validation_failed` with one FieldIssue per problem. The handler's return value is sent as JSON
 * with `endpoint.status` (200 unless stated).
 */
export function defineRoute<E extends Endpoint>(
  app: FastifyInstance,
  endpoint: E,
  handler: RouteHandler<E>,
  options: DefineRouteOptions<E> = {},
): void {
  const bodySchema: z.ZodMiniType | undefined = options.body ?? endpoint.body;
  const querySchema: z.ZodMiniType | undefined = options.query ?? endpoint.query;
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    handler: async (request, reply) => {
      const query = validate(request, querySchema, request.query, 'Параметры запроса не прошли проверку.');
      const body = validate(request, bodySchema, request.body, 'Данные запроса не прошли проверку.');
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

/**
 * Parses `input` with `schema` as `defineRoute` does (undefined without a schema), throwing the
 * same 400 `validation_failed` with FieldIssues: for routes that answer with something other
 * than JSON and so register themselves.
 */
export function validate(request: FastifyRequest, schema: z.ZodMiniType | undefined, input: unknown, message: string): unknown {
  if (!schema) return undefined;
  let result: ReturnType<z.ZodMiniType['safeParse']>;
  try {
    // The input is needed to tell a missing field (`required`) from a wrong one (`invalid`).
    result = schema.safeParse(input, { reportInput: true });
  } catch (error) {
    // A schema that throws on some input is a bug, but the client only sent bad data.
    request.log.error({ err: error }, 'validation threw');
    throw new HttpError(400, 'validation_failed', message, [{ path: [], code: 'invalid', message: 'Проверьте данные запроса' }]);
  }
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, MAX_ISSUES).map(toFieldIssue);
  throw new HttpError(400, 'validation_failed', message, issues);
}
