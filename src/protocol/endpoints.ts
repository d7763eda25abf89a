import type { z } from 'zod/mini';
import { ConfigResponse } from './config.js';
import { HealthResponse } from './health.js';
import { UploadResponse } from './attachments.js';
import { REQUEST_TYPES, RequestCreated, requestSchema } from './request.js';

/**
 * The request body as documented (the server validates with the same rules, built from its
 * own config and clock).
 */
const documentedRequestBody = requestSchema({ types: REQUEST_TYPES, descriptionMax: 20_000, maxAttachments: 20, now: () => Date.now() });

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
  /** Request headers the endpoint reads. */
  headers?: readonly { name: string; required: boolean; description: string }[];
  /** The body is raw bytes of this content type instead of JSON. */
  rawBody?: string;
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
  upload: {
    method: 'POST',
    path: '/uploads',
    tag: 'requests',
    summary:
      'Uploads one attachment as the raw request body (Content-Type: application/octet-stream, file name URL-encoded in X-File-Name). The type is decided by the leading bytes; oversize bodies are refused with 413 while streaming.',
    response: UploadResponse,
    status: 201,
    rawBody: 'application/octet-stream',
    headers: [{ name: 'X-File-Name', required: true, description: 'The original file name, URL-encoded.' }],
    errors: [400, 413, 415, 429],
  },
  createRequest: {
    method: 'POST',
    path: '/requests',
    tag: 'requests',
    summary:
      'Registers a request «Написать в поддержку». Send an Idempotency-Key header: repeating a call with the same key answers the first request instead of creating another.',
    body: documentedRequestBody,
    headers: [
      {
        name: 'Idempotency-Key',
        required: true,
        description: 'A random key per submitted body (8–128 of A–Z a–z 0–9 _ -); a repeat with the same key answers the first request.',
      },
    ],
    response: RequestCreated,
    status: 201,
    errors: [400, 409, 429],
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;
