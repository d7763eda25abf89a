import type { z } from 'zod/mini';
import { ConfigResponse } from './config.js';
import { HealthResponse } from './health.js';

/** One HTTP endpoint of the backend contract: the server registers it, openapi.json documents it. */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify-style path: `/requests/:number`. */
  path: string;
  summary: string;
  tag: string;
  /** Request body schema (JSON), validated by the server. */
  body?: z.ZodMiniType;
  /** Query-string schema, validated by the server. */
  query?: z.ZodMiniType;
  /** 2xx response body. */
  response: z.ZodMiniType;
  /** Status code of the success answer. */
  status?: number;
  /** Error statuses this endpoint may answer with (body: ApiError). */
  errors?: readonly number[];
  /** Requires the operator token (`Authorization: Bearer …`). */
  operator?: boolean;
}

/** Every endpoint of the widget ↔ backend contract. Feature modules add theirs here. */
export const endpoints = {
  getConfig: {
    method: 'GET',
    path: '/config',
    tag: 'widget',
    summary: 'Widget configuration: channels, contacts, hours, attachment rules, texts.',
    response: ConfigResponse,
  },
  health: {
    method: 'GET',
    path: '/health',
    tag: 'ops',
    summary: 'Liveness and database reachability.',
    response: HealthResponse,
    errors: [503],
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;
