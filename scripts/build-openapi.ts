/**
 * Writes dist/openapi.json (OpenAPI 3.1) from the shared endpoint registry, so the document
 * can never drift from what the server validates. Deterministic: same sources, same bytes.
 *
 *   npx tsx scripts/build-openapi.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { z as zm } from 'zod/mini';
import { endpoints, type Endpoint } from '../src/protocol/endpoints.js';
import { ApiError } from '../src/protocol/error.js';

type JsonSchema = Record<string, unknown>;

const API_ERROR_REF = { $ref: '#/components/schemas/ApiError' };
const SECURITY_SCHEME = 'operatorToken';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Validation failed (`validation_failed`, with `issues`), or a malformed body.',
  401: 'Missing or wrong operator token (`unauthorized`).',
  403: 'Not allowed (`forbidden`).',
  404: 'Not found (`not_found`).',
  409: 'Conflict with the current state (`conflict`).',
  413: 'Request body too large (`payload_too_large`).',
  415: 'Unsupported content type (`unsupported_media_type`).',
  429: 'Too many requests (`rate_limited`, with `retryAfterSeconds`).',
  500: 'Internal error (`internal`).',
  503: 'Service unavailable; a database busy past its bound answers `unavailable` with `Retry-After` and `retryAfterSeconds` (send again then).',
};

function jsonSchema(schema: zm.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

/** `/requests/:number` → `/requests/{number}` and the parameter names. */
function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

function queryParameters(schema: zm.ZodMiniType): JsonSchema[] {
  const json = jsonSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function errorResponse(status: number): JsonSchema {
  return {
    description: STATUS_TEXT[status] ?? `Error ${status}`,
    content: { 'application/json': { schema: API_ERROR_REF } },
  };
}

/**
 * A Server-Sent Events answer: the body is text (`event:` / `data:` lines); the schema of each
 * event's JSON `data` is given under `x-event-data` (OpenAPI 3.1 has no keyword for it).
 */
function streamContent(data: zm.ZodMiniType): JsonSchema {
  return {
    schema: { type: 'string', description: 'A Server-Sent Events stream; the `data` of each event is JSON as in `x-event-data`.' },
    'x-event-data': jsonSchema(data, 'output'),
  };
}

function operation(name: string, endpoint: Endpoint): JsonSchema {
  const { params } = openApiPath(endpoint.path);
  const parameters: JsonSchema[] = [
    ...params.map((param) => ({ name: param, in: 'path', required: true, schema: { type: 'string' } })),
    ...(endpoint.query ? queryParameters(endpoint.query) : []),
    ...(endpoint.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: h.required, description: h.description, schema: { type: 'string' } })),
  ];

  const status = endpoint.status ?? 200;
  const responses: Record<string, JsonSchema> = {
    [String(status)]:
      status === 204
        ? { description: STATUS_TEXT[204] }
        : {
            description: STATUS_TEXT[status] ?? 'Success',
            content: endpoint.stream
              ? { [endpoint.stream]: streamContent(endpoint.response) }
              : { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } },
          },
  };
  const errorStatuses = new Set(endpoint.errors ?? []);
  if (endpoint.body || endpoint.query) errorStatuses.add(400);
  if (endpoint.operator) errorStatuses.add(401);
  for (const code of [...errorStatuses].sort((a, b) => a - b)) responses[String(code)] = errorResponse(code);
  responses.default = { description: 'Any other error.', content: { 'application/json': { schema: API_ERROR_REF } } };

  return {
    operationId: name,
    summary: endpoint.summary,
    tags: [endpoint.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(endpoint.rawBody
      ? { requestBody: { required: true, content: { [endpoint.rawBody]: { schema: { type: 'string', format: 'binary' } } } } }
      : {}),
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(endpoint.body, 'input') } },
          },
        }
      : {}),
    responses,
    ...(endpoint.operator ? { security: [{ [SECURITY_SCHEME]: [] }] } : {}),
  };
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

/** The OpenAPI 3.1 document of `registry` (the shared `endpoints` unless given). */
export function buildOpenApiDocument(
  registry: Record<string, Endpoint> = endpoints,
  info: OpenApiInfo = defaultInfo(),
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [name, endpoint] of Object.entries(registry)) {
    const { path } = openApiPath(endpoint.path);
    const item = (paths[path] ??= {});
    const method = endpoint.method.toLowerCase();
    if (item[method]) throw new Error(`Two endpoints for ${endpoint.method} ${endpoint.path}`);
    item[method] = operation(name, endpoint);
  }
  const tags = [...new Set(Object.values(registry).map((e) => e.tag))].sort().map((tag) => ({ name: tag }));
  const usesOperator = Object.values(registry).some((e) => e.operator);

  return {
    openapi: '3.1.0',
    info,
    tags,
    paths,
    components: {
      // As clients read it (io 'input'): an error body may carry more fields than ApiError, e.g.
      // /health's 503 is a HealthResponse too. Clients rely on `error` and ignore the rest.
      schemas: { ApiError: jsonSchema(ApiError, 'input') },
      ...(usesOperator
        ? {
            securitySchemes: {
              [SECURITY_SCHEME]: {
                type: 'http',
                scheme: 'bearer',
                description: 'The operator token configured on the backend (OPERATOR_TOKEN).',
              },
            },
          }
        : {}),
    },
  };
}

function defaultInfo(): OpenApiInfo {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
    description?: string;
  };
  return {
    title: 'gov-support-widget backend',
    version: pkg.version,
    description:
      'The contract between the gov-support-widget and its backend. Every non-2xx answer has the ApiError body.',
  };
}

/** Writes the document to `file`; returns the JSON text. */
export function writeOpenApi(file: string | URL): string {
  const text = `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
  mkdirSync(new URL('.', file instanceof URL ? file : pathToFileURL(file)), { recursive: true });
  writeFileSync(file, text);
  return text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = new URL('../dist/openapi.json', import.meta.url);
  writeOpenApi(target);
  console.log(`Wrote ${fileURLToPath(target)}`);
}
