import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildApp } from '../../server/app.js';
import { ConfigResponse, WEEKDAYS } from '../../src/protocol/config.js';
import { endpoints } from '../../src/protocol/endpoints.js';
import { closeRealtime } from '../../server/realtime.js';
import { ApiError } from '../../src/protocol/error.js';
import { HealthResponse } from '../../src/protocol/health.js';
import { DEMO_CONFIG, ROOT, SITE_DIR, startBackend, tempDir } from './support.js';

const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('GET /health', () => {
  test('answers ok with the package version when the database is reachable', async (t) => {
    const { app } = await startBackend(t);
    const res = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = HealthResponse.parse(res.json());
    assert.equal(body.status, 'ok');
    assert.equal(body.database, 'ok');
    assert.equal(body.version, PACKAGE_VERSION);
    assert.ok(Number.isInteger(body.uptimeSeconds) && body.uptimeSeconds >= 0);
  });

  test('answers 503 degraded when the database is gone, readable as HealthResponse and as ApiError', async (t) => {
    const { app, io, database } = await startBackend(t);
    // On PostgreSQL Socket.IO's adapter holds a connection of the pool: given back first, so
    // that the pool can end.
    closeRealtime(io);
    await database.close();
    const res = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 503);
    const health = HealthResponse.parse(res.json());
    assert.equal(health.status, 'degraded');
    assert.equal(health.database, 'unavailable');
    const error = ApiError.parse(res.json());
    assert.equal(error.error.code, 'unavailable');
  });
});

describe('GET /config', () => {
  test('answers the demo configuration as a valid ConfigResponse without `backend`', async (t) => {
    const { app } = await startBackend(t);
    const res = await app.inject({ method: 'GET', url: '/config' });
    assert.equal(res.statusCode, 200);
    const raw = res.json() as Record<string, unknown>;
    assert.ok(!('backend' in raw), '`backend` is not part of ConfigResponse');
    const config = ConfigResponse.parse(raw);

    assert.deepEqual(
      config.contacts.phones.map((p) => [p.label, p.number]),
      [
        [{ ru: 'Единый номер', en: 'Single number' }, '8 800 555-35-35'],
        [{ ru: 'Подтверждение личности', en: 'Identity confirmation' }, '8 800 100-71-71'],
        [{ ru: 'Для регионов без бесплатного номера', en: 'For regions without the toll-free number' }, '+7 495 721-70-70'],
      ],
    );
    const around = config.contacts.phones[0]?.hours;
    for (const day of WEEKDAYS) assert.deepEqual(around?.[day], [{ from: '00:00', to: '24:00' }], `24/7 on ${day}`);
    assert.deepEqual(config.contacts.phones[1]?.hours?.sun, [{ from: '09:00', to: '21:00' }]);
    assert.deepEqual(
      config.contacts.emails.map((e) => e.address),
      ['support\u0040gosuslugi.ru'],
    );
    assert.deepEqual(
      config.contacts.messengers.map((m) => m.label),
      ['Telegram', { ru: 'ВКонтакте', en: 'VK' }],
    );
    assert.deepEqual(config.channels.chat.hours?.mon, [{ from: '08:00', to: '22:00' }]);
    assert.deepEqual(config.channels.callback.hours?.sat, [{ from: '08:00', to: '20:00' }]);
    assert.equal(config.channels.request.hours, undefined, 'requests are accepted at any time');
    for (const channel of ['chat', 'request', 'status', 'callback', 'offices'] as const) {
      assert.equal(config.channels[channel].enabled, true, channel);
    }
  });

  test('without a config file, answers the all-defaults configuration', async (t) => {
    const { app } = await startBackend(t, { configPath: undefined });
    const res = await app.inject({ method: 'GET', url: '/config' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), JSON.parse(JSON.stringify(ConfigResponse.parse({}))));
  });

  test('an invalid config file stops the start, naming each bad field, before the database is created', async (t) => {
    const dir = tempDir(t);
    const demo = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as {
      contacts: { phones: { number: string }[] };
      channels: { chat: { hours: { mon: { from: string; to: string }[] } } };
    };
    demo.contacts.phones[1]!.number = 'позвоните нам';
    demo.channels.chat.hours.mon[0]!.to = '25:00';
    const configPath = join(dir, 'broken.json');
    writeFileSync(configPath, JSON.stringify({ ...demo, $comment: 'not allowed' }));
    const dbPath = join(dir, 'db.sqlite');

    const options = { dbPath, configPath, corsOrigins: [], distDir: join(dir, 'dist'), siteDir: SITE_DIR };
    await assert.rejects(buildApp(options), (error: Error) => {
      assert.match(error.message, /Invalid widget config/);
      assert.ok(error.message.includes(configPath), 'names the file');
      assert.match(error.message, /contacts\.phones\[1\]\.number: /);
      assert.match(error.message, /channels\.chat\.hours\.mon\[0\]\.to: /);
      assert.match(error.message, /\$comment/);
      return true;
    });
    assert.ok(!existsSync(dbPath), 'fails before touching the database');
  });

  test('a config file that is not JSON stops the start with the file named', async (t) => {
    const dir = tempDir(t);
    const configPath = join(dir, 'not-json.json');
    writeFileSync(configPath, '{ "channels": ');
    await assert.rejects(
      buildApp({ dbPath: join(dir, 'db.sqlite'), configPath, corsOrigins: [], distDir: dir, siteDir: SITE_DIR }),
      new RegExp(`Cannot read widget config ${configPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
  });
});

describe('routing', () => {
  test('every endpoint of the shared registry is routed', async (t) => {
    const { app } = await startBackend(t);
    await app.ready();
    for (const [name, endpoint] of Object.entries(endpoints)) {
      assert.ok(app.hasRoute({ method: endpoint.method, url: endpoint.path }), `${name}: ${endpoint.method} ${endpoint.path}`);
    }
  });

  test('an unknown path answers 404 with the ApiError shape', async (t) => {
    const { app } = await startBackend(t);
    const res = await app.inject({ method: 'GET', url: '/no/such/thing?x=1' });
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(res.json(), { error: { code: 'not_found', message: 'Не найдено: GET /no/such/thing' } });
    const post = await app.inject({ method: 'POST', url: '/health', payload: {} });
    assert.equal(post.statusCode, 404);
    assert.equal((post.json() as ApiError).error.code, 'not_found');
  });

  test('close() shuts everything down and may be called twice', async (t) => {
    const backend = await startBackend(t);
    await backend.close();
    await backend.close();
    await assert.rejects(backend.database.kysely.selectFrom('meta').selectAll().execute(), 'the database is closed');
  });
});

describe('callback settings at start-up', () => {
  test('an invalid callback settings file stops the start, naming each bad field, before the database is created', async (t) => {
    const dir = tempDir(t);
    const callbackSettingsPath = join(dir, 'callback-settings.json');
    writeFileSync(callbackSettingsPath, JSON.stringify({ intervalMinutes: 'half an hour', holidays: ['2026-13-01'] }));
    const dbPath = join(dir, 'db.sqlite');
    const options = { dbPath, configPath: DEMO_CONFIG, callbackSettingsPath, corsOrigins: [], distDir: join(dir, 'dist'), siteDir: SITE_DIR };
    await assert.rejects(buildApp(options), (error: Error) => {
      assert.ok(error.message.startsWith(`Invalid callback settings ${callbackSettingsPath}:`), error.message);
      assert.match(error.message, /\n {2}- intervalMinutes: /);
      assert.match(error.message, /\n {2}- holidays\[0\]: Expected a date YYYY-MM-DD/);
      return true;
    });
    assert.ok(!existsSync(dbPath), 'fails before touching the database');
  });

  test('the shipped callback settings and the demo config start the server', async (t) => {
    const { app } = await startBackend(t, { callbackSettingsPath: join(ROOT, 'demo/data/callback-settings.json') });
    const res = await app.inject({ method: 'GET', url: '/callbacks/slots' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as { timeZone: string }).timeZone, 'Europe/Moscow');
  });
});

describe('request numbers and callback numbers', () => {
  test('a REQUEST_NUMBER_FORMAT that would give callback-like numbers (CB-…) is refused at start', async (t) => {
    for (const requestNumberFormat of ['CB-{year}-{seq:6}', 'cb-{year}-{seq:3}']) {
      const dir = tempDir(t);
      const options = { dbPath: join(dir, 'db.sqlite'), configPath: DEMO_CONFIG, requestNumberFormat, corsOrigins: [], distDir: join(dir, 'dist'), siteDir: SITE_DIR };
      await assert.rejects(buildApp(options), /would give numbers like callbacks/, requestNumberFormat);
    }
  });
});
