import type { z } from 'zod/mini';
import type { BodyOf, Contract, Method, PathParams, QueryOf } from '../protocol/contract.js';
import { ApiError, type FieldIssue } from '../protocol/error.js';

/** A failed call: HTTP status plus the contract's error body (or a network/parse failure). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiError['error']['code'] | 'network' | 'bad_response',
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    readonly retryAfterSeconds?: number,
    /** A 409 about a time that is no longer free: the next free one. */
    readonly nextSlot?: ApiError['error']['nextSlot'],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export interface ApiCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** What fills a contract's URL: its `:params` (URL-encoded) and its query (`undefined` values left out). */
export type UrlParts<C extends Contract> = ([PathParams<C['path']>] extends [never]
  ? { params?: undefined }
  : { params: Record<PathParams<C['path']>, string> }) &
  (QueryOf<C> extends undefined ? { query?: undefined } : { query?: QueryOf<C> });

/** A call of a contract: URL parts, the JSON body it takes, and the usual options. */
export type CallOptions<C extends Contract> = ApiCallOptions &
  UrlParts<C> &
  (BodyOf<C> extends undefined ? { body?: undefined } : { body: BodyOf<C> });

/** Options are optional when nothing in them is required. */
type Optional<T> = {} extends T ? [T?] : [T];

/** The ApiRequestError for an error answer: the contract's ApiError body, else `bad_response`. */
function answerError(status: number, body: unknown): ApiRequestError {
  const parsed = ApiError.safeParse(body);
  if (!parsed.success) return new ApiRequestError(status, 'bad_response', `HTTP ${status}`);
  const e = parsed.data.error;
  return new ApiRequestError(status, e.code, e.message, e.issues ?? [], e.retryAfterSeconds, e.nextSlot);
}

/**
 * An answer as the contract has it: the parsed body of a 2xx answer, or throws the ApiRequestError
 * of an error answer (or of a body outside the contract). Shared by fetch calls and XHR uploads.
 */
export function parseAnswer<S extends z.ZodMiniType>(status: number, body: unknown, schema: S): z.output<S> {
  if (status < 200 || status > 299) throw answerError(status, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiRequestError(status, 'bad_response', 'The response does not match the contract');
  return parsed.data;
}

/**
 * The widget's HTTP client for the backend contract: calls an endpoint from its contract entry
 * (`call(callbackEndpoints.cancelCallback, { params: { number }, body })`), parses every answer
 * with its zod schema at the edge, maps error bodies to ApiRequestError, never sends cookies to
 * other origins.
 */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  url(path: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  /** The full URL of an endpoint (for EventSource and XHR uploads): `:params` filled, query appended. */
  urlOf<C extends Contract>(contract: C, ...[parts]: Optional<UrlParts<C>>): string {
    const { params, query } = (parts ?? {}) as { params?: Record<string, string>; query?: object };
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(name, value);
    const qs = `${search}`;
    return this.url(contract.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params![name]!)) + (qs ? `?${qs}` : ''));
  }

  /** Calls an endpoint of the contract and answers its parsed response. */
  call<C extends Contract>(contract: C, ...[options]: Optional<CallOptions<C>>): Promise<z.output<C['response']>> {
    const o = (options ?? {}) as ApiCallOptions & { body?: unknown };
    return this.request<C['response']>(contract.method, this.urlOf(contract, options as never), o.body, contract.response, o);
  }

  /** GET of a hand-written path (the operator console); the widget calls `call`. */
  get<S extends z.ZodMiniType>(path: string, schema: S, options: ApiCallOptions = {}): Promise<z.output<S>> {
    return this.request('GET', this.url(path), undefined, schema, options);
  }

  /** A JSON body to a hand-written path (the operator console); the widget calls `call`. */
  send<S extends z.ZodMiniType>(method: Method, path: string, body: unknown, schema: S, options: ApiCallOptions = {}): Promise<z.output<S>> {
    return this.request(method, this.url(path), body, schema, options);
  }

  private async request<S extends z.ZodMiniType>(method: Method, url: string, body: unknown, schema: S, options: ApiCallOptions): Promise<z.output<S>> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, options.timeoutMs ?? 15_000);
    options.signal?.addEventListener('abort', abort, { once: true });
    let response: Response;
    try {
      const json = body !== undefined;
      response = await fetch(url, {
        method,
        body: json ? JSON.stringify(body) : undefined,
        headers: json ? { ...options.headers, 'content-type': 'application/json' } : options.headers,
        credentials: 'same-origin',
        signal: controller.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiRequestError(0, 'network', error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    }
    return parseAnswer(response.status, await response.json().catch(() => undefined), schema);
  }
}
