import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createOriginPolicy, normalizeOrigin } from '../../server/http/origins.js';
import { startBackend } from './support.js';

const PORTAL = 'https://portal.example';
const EVIL = 'https://evil.example';

describe('CORS', () => {
  test('an allowed origin gets Access-Control-Allow-Origin, a foreign one does not', async (t) => {
    const { app } = await startBackend(t, { corsOrigins: [`${PORTAL}/`] });

    const allowed = await app.inject({ method: 'GET', url: '/config', headers: { origin: PORTAL } });
    assert.equal(allowed.statusCode, 200);
    assert.equal(allowed.headers['access-control-allow-origin'], PORTAL);
    assert.match(String(allowed.headers.vary), /Origin/);

    const foreign = await app.inject({ method: 'GET', url: '/config', headers: { origin: EVIL } });
    assert.equal(foreign.statusCode, 200, 'the answer itself is not refused; the browser withholds it');
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
  });

  test('preflight: allowed origin may POST with JSON, a foreign one gets no CORS headers', async (t) => {
    const { app } = await startBackend(t, { corsOrigins: [PORTAL] });
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/requests',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });

    const allowed = await preflight(PORTAL);
    assert.equal(allowed.statusCode, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], PORTAL);
    assert.match(String(allowed.headers['access-control-allow-methods']), /POST/);
    assert.match(String(allowed.headers['access-control-allow-headers']), /content-type/i);

    const foreign = await preflight(EVIL);
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
    assert.equal(foreign.headers['access-control-allow-methods'], undefined);
  });

  test('same-origin requests are welcome without being listed', async (t) => {
    const { app } = await startBackend(t);
    const res = await app.inject({
      method: 'GET',
      url: '/config',
      headers: { host: 'support.example:8080', origin: 'http://support.example:8080' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'http://support.example:8080');

    const noOrigin = await app.inject({ method: 'GET', url: '/config' });
    assert.equal(noOrigin.statusCode, 200);
  });

  test('the built widget may be loaded by any site', async (t) => {
    const { app } = await startBackend(t, { corsOrigins: [PORTAL] });
    const res = await app.inject({ method: 'GET', url: '/dist/gov-support-widget.js', headers: { origin: EVIL } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin');
  });
});

describe('origin policy', () => {
  test('normalizes listed origins and refuses what is not an origin', () => {
    assert.equal(normalizeOrigin('HTTPS://Portal.Example/'), 'https://portal.example');
    assert.equal(normalizeOrigin('http://localhost:3000'), 'http://localhost:3000');
    assert.throws(() => normalizeOrigin('portal.example'), /Not an origin/);
    assert.throws(() => normalizeOrigin('ftp://portal.example'), /http\(s\)/);
    assert.throws(() => normalizeOrigin('https://portal.example/path'), /no path/);
  });

  test('allows absent, same-host and listed origins only', () => {
    const policy = createOriginPolicy(['https://portal.example']);
    assert.deepEqual(policy.allowed, ['https://portal.example']);
    assert.equal(policy.isAllowed(undefined, 'api.example'), true);
    assert.equal(policy.isAllowed('https://api.example', 'api.example'), true);
    assert.equal(policy.isAllowed('https://portal.example', 'api.example'), true);
    assert.equal(policy.isAllowed('http://portal.example', 'api.example'), false, 'scheme matters');
    assert.equal(policy.isAllowed('https://portal.example.evil.example', 'api.example'), false);
    assert.equal(policy.isAllowed('null', 'api.example'), false);
    assert.equal(policy.isAllowed('https://evil.example', undefined), false);
  });
});
