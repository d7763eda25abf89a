import type { z } from 'zod/mini';
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

/**
 * The widget's HTTP client for the backend contract: parses every answer with its zod schema
 * at the edge, maps error bodies to ApiRequestError, never sends cookies to other origins.
 */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  url(path: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  async get<S extends z.ZodMiniType>(path: string, schema: S, options: ApiCallOptions = {}): Promise<z.infer<S>> {
    return this.call(path, schema, { method: 'GET' }, options);
  }

  async send<S extends z.ZodMiniType>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    schema: S,
    options: ApiCallOptions = {},
  ): Promise<z.infer<S>> {
    return this.call(path, schema, { method, body: JSON.stringify(body), headers: { ...options.headers, 'content-type': 'application/json' } }, options);
  }

  private async call<S extends z.ZodMiniType>(path: string, schema: S, init: RequestInit, options: ApiCallOptions): Promise<z.infer<S>> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, options.timeoutMs ?? 15_000);
    options.signal?.addEventListener('abort', abort, { once: true });
    let response: Response;
    try {
      response = await fetch(this.url(path), { ...init, credentials: 'same-origin', signal: controller.signal });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiRequestError(0, 'network', error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = ApiError.safeParse(body);
      if (parsed.success) {
        const e = parsed.data.error;
        throw new ApiRequestError(response.status, e.code, e.message, e.issues ?? [], e.retryAfterSeconds, e.nextSlot);
      }
      throw new ApiRequestError(response.status, 'bad_response', `HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ApiRequestError(response.status, 'bad_response', 'The response does not match the contract');
    return parsed.data;
  }
}
