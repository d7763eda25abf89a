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
      const content = operation.responses[String(endpoint.status ?? 200)].content;
      if (endpoint.stream) {
        assert.deepEqual(Object.keys(content), [endpoint.stream], `${name} answers a stream, not JSON`);
        assert.ok(content[endpoint.stream]['x-event-data'].properties, `${name}: the event data schema`);
      } else {
        assert.ok(content['application/json'].schema.properties);
      }
    }
    const watch = doc.paths['/requests/watch']!.get;
    assert.equal(watch.responses['200'].content['text/event-stream'].schema.type, 'string');
    assert.ok(watch.responses['200'].content['text/event-stream']['x-event-data'].properties.history, 'RequestStatusView');
    assert.deepEqual(
      watch.parameters.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required]),
      [['token', 'query', true]],
    );
    assert.deepEqual(Object.keys(watch.responses), ['200', '400', '404', '429', 'default']);
    assert.deepEqual(watch.responses['404'].content['application/json'].schema, API_ERROR_REF);
    const lookup = doc.paths['/requests/lookup']!.post.responses['200'].content['application/json'].schema;
    assert.ok(lookup.required.includes('watchToken'), 'the lookup answers a watch token');
    const config = doc.paths['/config']!.get.responses['200'].content['application/json'].schema;
    assert.ok(config.properties.contacts, 'ConfigResponse has contacts');
    assert.ok(!('backend' in config.properties), 'ConfigResponse has no backend');
    assert.deepEqual(doc.paths['/health']!.get.responses['503'].content['application/json'].schema, API_ERROR_REF);
    assert.equal(doc.components.schemas.ApiError.properties.error.properties.code.enum.includes('validation_failed'), true);
    assert.ok(!JSON.stringify(doc).includes('"$schema"'), 'no per-schema dialect noise');
    const booking = doc.paths['/offices/{id}/bookings']!.post;
    assert.deepEqual(
      booking.parameters.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required]),
      [['id', 'path', true], ['Idempotency-Key', 'header', true]],
    );
    assert.deepEqual(Object.keys(booking.responses), ['201', '400', '404', '409', '429', 'default']);
    assert.ok(doc.paths['/offices/catalogue']!.get, 'the catalogue is its own path, not an office id');
  });

  test('documents the operator request list (sort, description preview) and the same-status 409', () => {
    const doc = buildOpenApiDocument() as Doc;
    const list = doc.paths['/operator/api/requests']!.get;
    const sort = list.parameters.find((p: { name: string }) => p.name === 'sort');
    assert.ok(sort, 'the `sort` query parameter');
    assert.deepEqual([sort.in, sort.required, sort.schema.enum], ['query', false, ['created', 'due']]);
    assert.match(list.summary, /sort=due/);
    assert.match(list.summary, /descriptionPreview/);
    const item = list.responses['200'].content['application/json'].schema.properties.items.items;
    assert.equal(item.properties.descriptionPreview?.type, 'string', 'each item has `descriptionPreview`');
    assert.equal(item.properties.descriptionPreview.maxLength, 140);
    assert.ok(item.required.includes('descriptionPreview'));

    const change = doc.paths['/operator/api/requests/{number}/status']!.post;
    assert.deepEqual(Object.keys(change.responses), ['200', '400', '401', '403', '404', '409', 'default']);
    assert.deepEqual(change.responses['409'].content['application/json'].schema, API_ERROR_REF);
    assert.match(change.summary, /409 `conflict`/, 'the summary says when the status change is a 409');
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
      events: {
        method: 'GET',
        path: '/events',
        tag: 'widget',
        summary: 'Events.',
        query: z.object({ token: z.string() }),
        response: z.object({ at: z.string() }),
        stream: 'text/event-stream',
        errors: [404],
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

    const events = doc.paths['/events']!.get;
    assert.deepEqual(events.responses['200'].content, {
      'text/event-stream': {
        schema: { type: 'string', description: 'A Server-Sent Events stream; the `data` of each event is JSON as in `x-event-data`.' },
        'x-event-data': { type: 'object', properties: { at: { type: 'string' } }, required: ['at'], additionalProperties: false },
      },
    });
    assert.deepEqual(Object.keys(events.responses), ['200', '400', '404', 'default']);
    assert.deepEqual(events.responses['404'].content['application/json'].schema, API_ERROR_REF, 'errors stay JSON');
  });
});
