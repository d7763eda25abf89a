import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod/mini';
import { buildOpenApiDocument } from '../../scripts/build-openapi.js';
import type { Endpoint } from '../../src/protocol/endpoints.js';
import { endpoints } from '../../src/protocol/endpoints.js';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any>; securitySchemes?: Record<string, any> };
};

const API_ERROR_REF = { $ref: '#/components/schemas/ApiError' };
const INFO = { title: 'test', version: '0.0.0' };

describe('openapi.json', () => {
  test('documents every endpoint of the registry', () => {
    const doc = buildOpenApiDocument() as Doc;
    assert.equal(doc.openapi, '3.1.0');
    for (const [name, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
      // Path parameters: `/requests/:number` is documented as `/requests/{number}`.
      const path = endpoint.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
      const operation = doc.paths[path]?.[endpoint.method.toLowerCase()];
      assert.ok(operation, `${endpoint.method} ${endpoint.path}`);
      assert.equal(operation.operationId, name);
      assert.ok(operation.responses[String(endpoint.status ?? 200)].content['application/json'].schema.properties);
    }
    const config = doc.paths['/config']!.get.responses['200'].content['application/json'].schema;
    assert.ok(config.properties.contacts, 'ConfigResponse has contacts');
    assert.ok(!('backend' in config.properties), 'ConfigResponse has no backend');
    assert.deepEqual(doc.paths['/health']!.get.responses['503'].content['application/json'].schema, API_ERROR_REF);
    assert.equal(doc.components.schemas.ApiError.properties.error.properties.code.enum.includes('validation_failed'), true);
    assert.ok(!JSON.stringify(doc).includes('"$schema"'), 'no per-schema dialect noise');
  });

  test('is deterministic', () => {
    assert.equal(JSON.stringify(buildOpenApiDocument()), JSON.stringify(buildOpenApiDocument()));
  });

  test('documents bodies, path and query parameters, errors and the operator token', () => {
    const registry = {
      updateRequest: {
        method: 'PATCH',
        path: '/requests/:number',
        tag: 'operator',
        summary: 'Update a request.',
        body: z.strictObject({ status: z.enum(['open', 'closed']), note: z._default(z.string(), '') }),
        query: z.object({ notify: z.optional(z.enum(['yes', 'no'])) }),
        response: z.object({ number: z.string() }),
        errors: [404, 409],
        operator: true,
      },
      publicList: {
        method: 'GET',
        path: '/offices',
        tag: 'widget',
        summary: 'Offices.',
        response: z.array(z.object({ name: z.string() })),
      },
    } satisfies Record<string, Endpoint>;
    const doc = buildOpenApiDocument(registry, INFO) as Doc;

    const op = doc.paths['/requests/{number}']!.patch;
    assert.deepEqual(op.parameters, [
      { name: 'number', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'notify', in: 'query', required: false, schema: { type: 'string', enum: ['yes', 'no'] } },
    ]);
    const body = op.requestBody.content['application/json'].schema;
    assert.deepEqual(body.required, ['status'], 'input schema: a defaulted field is optional');
    assert.deepEqual(Object.keys(op.responses), ['200', '400', '401', '404', '409', 'default']);
    for (const status of ['400', '401', '404', '409', 'default']) {
      assert.deepEqual(op.responses[status].content['application/json'].schema, API_ERROR_REF, status);
    }
    assert.deepEqual(op.security, [{ operatorToken: [] }]);
    assert.deepEqual(doc.components.securitySchemes?.operatorToken, {
      type: 'http',
      scheme: 'bearer',
      description: 'The operator token configured on the backend (OPERATOR_TOKEN).',
    });

    const list = doc.paths['/offices']!.get;
    assert.equal(list.security, undefined);
    assert.equal(list.parameters, undefined);
    assert.deepEqual(Object.keys(list.responses), ['200', 'default']);
  });
});
