import type { z } from 'zod/mini';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint as a client calls it: the method, the Fastify-style path (`/callbacks/:number/cancel`)
 * and the schema its answer is parsed with. What it takes (the query and the JSON body) rides along
 * as types only (see {@link contract}), so a widget chunk carries no schema it does not check
 * itself. Each resource's file lists its entries (`callbackEndpoints` in callback.ts);
 * endpoints.ts adds what the server validates and openapi.json documents.
 */
export interface Contract {
  readonly method: Method;
  /** Fastify-style: `/offices/:id/slots`. */
  readonly path: string;
  /** The 2xx answer; for a stream, the JSON `data` of each event. */
  readonly response: z.ZodMiniType;
}

/** The query and body an endpoint takes: types only, never present at run time. */
export interface Takes<Body, Query> {
  readonly '~takes'?: { body: Body; query: Query };
}

/** The body type an entry takes (`undefined`: none; `unknown` for an entry made without {@link contract}). */
export type BodyOf<C> = C extends Takes<infer Body, unknown> ? Body : unknown;
/** The query type an entry takes. */
export type QueryOf<C> = C extends Takes<unknown, infer Query> ? Query : unknown;

/** The `:names` of a path: `'/offices/:id/bookings'` → `'id'`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<Rest>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/**
 * An entry with the types of what it takes:
 * `contract<CallbackBody>()({ method: 'POST', path: '/callbacks', response: CallbackView })`.
 */
export const contract =
  <Body = undefined, Query = undefined>() =>
  <const C extends Contract>(entry: C): C & Takes<Body, Query> =>
    entry;
