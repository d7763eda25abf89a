import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readSettings } from '../../server/env.js';
import { ROOT } from './support.js';

describe('environment', () => {
  test('defaults: port 8080 on localhost, data/ database, demo config, no other origins', () => {
    const settings = readSettings({});
    assert.equal(settings.port, 8080);
    assert.equal(settings.host, 'localhost');
    assert.equal(settings.app.dbPath, join(ROOT, 'data/gov-support.sqlite'));
    assert.equal(settings.app.configPath, join(ROOT, 'demo/data/widget-config.json'));
    assert.equal(settings.app.distDir, join(ROOT, 'dist'));
    assert.equal(settings.app.siteDir, join(ROOT, 'demo/site'));
    assert.deepEqual(settings.app.corsOrigins, []);
    assert.equal(settings.app.operatorToken, undefined);
    assert.equal(settings.app.allowWeakOperatorToken, undefined, 'weak tokens refused');
    assert.equal(settings.app.uploadDir, undefined, 'uploads/ next to the database');
    assert.equal(settings.app.requestNumberFormat, undefined, '{year}-{seq:6}');
    assert.equal(settings.app.trustProxy, undefined);
  });

  test('reads UPLOAD_DIR, REQUEST_NUMBER_FORMAT and TRUST_PROXY', () => {
    const settings = readSettings({ UPLOAD_DIR: '/var/lib/gov-support/files', REQUEST_NUMBER_FORMAT: 'GS-{year}-{seq:7}', TRUST_PROXY: '1' });
    assert.equal(settings.app.uploadDir, '/var/lib/gov-support/files');
    assert.equal(settings.app.requestNumberFormat, 'GS-{year}-{seq:7}');
    assert.equal(settings.app.trustProxy, true);
  });

  test('reads PORT, HOST, DB_PATH, WIDGET_CONFIG, CORS_ORIGINS and OPERATOR_TOKEN', () => {
    const settings = readSettings({
      PORT: '3000',
      HOST: '0.0.0.0',
      DB_PATH: '/var/lib/gov-support/db.sqlite',
      WIDGET_CONFIG: '/etc/gov-support/widget.json',
      CORS_ORIGINS: ' https://portal.example/ , http://localhost:5173,,',
      OPERATOR_TOKEN: 'token',
    });
    assert.equal(settings.port, 3000);
    assert.equal(settings.host, '0.0.0.0');
    assert.equal(settings.app.dbPath, '/var/lib/gov-support/db.sqlite');
    assert.equal(settings.app.configPath, '/etc/gov-support/widget.json');
    assert.deepEqual(settings.app.corsOrigins, ['https://portal.example', 'http://localhost:5173']);
    assert.equal(settings.app.operatorToken, 'token');
  });

  test('DATABASE_URL: a postgres:// URL puts the data in PostgreSQL; sqlite:path names the SQLite file; anything else is refused', () => {
    assert.equal(readSettings({}).app.databaseUrl, undefined);
    const pg = readSettings({ DATABASE_URL: ' postgres://support:secret@db.internal:5432/support ', DB_PATH: '/var/lib/gs/db.sqlite' }).app;
    assert.equal(pg.databaseUrl, 'postgres://support:secret@db.internal:5432/support');
    assert.equal(pg.dbPath, '/var/lib/gs/db.sqlite', 'DB_PATH still places the uploads folder by default');
    const sqlite = readSettings({ DATABASE_URL: 'sqlite:/srv/gs/data.sqlite' }).app;
    assert.equal(sqlite.databaseUrl, undefined);
    assert.equal(sqlite.dbPath, '/srv/gs/data.sqlite');
    assert.throws(() => readSettings({ DATABASE_URL: 'mysql://root:pw@db/support' }), /DATABASE_URL: Unsupported database URL "mysql:\/\/…@db\/support"/);
  });

  test('OPERATOR_TOKEN_DEMO=1 (only) accepts a weak OPERATOR_TOKEN: buildApp checks the token', () => {
    assert.equal(readSettings({ OPERATOR_TOKEN: 'op-secret-token', OPERATOR_TOKEN_DEMO: '1' }).app.allowWeakOperatorToken, true);
    assert.equal(readSettings({ OPERATOR_TOKEN: 'op-secret-token', OPERATOR_TOKEN_DEMO: 'yes' }).app.allowWeakOperatorToken, undefined);
  });

  test('reads HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, IDLE_TIMEOUT_MS and MAX_CONNECTIONS_PER_IP; unset = the defaults of buildApp', () => {
    const unset = readSettings({}).app;
    for (const key of ['headersTimeoutMs', 'requestTimeoutMs', 'idleTimeoutMs', 'maxConnectionsPerIp'] as const) {
      assert.equal(unset[key], undefined, key);
    }
    const settings = readSettings({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: ' 60000 ', IDLE_TIMEOUT_MS: '15000', MAX_CONNECTIONS_PER_IP: '0' });
    assert.equal(settings.app.headersTimeoutMs, 5000);
    assert.equal(settings.app.requestTimeoutMs, 60000);
    assert.equal(settings.app.idleTimeoutMs, 15000);
    assert.equal(settings.app.maxConnectionsPerIp, 0, '0 = no cap');
  });

  test('refuses bad timeouts and connection caps with a clear message', () => {
    assert.throws(() => readSettings({ HEADERS_TIMEOUT_MS: '10s' }), /HEADERS_TIMEOUT_MS must be a whole number of milliseconds/);
    assert.throws(() => readSettings({ REQUEST_TIMEOUT_MS: '0' }), /REQUEST_TIMEOUT_MS must be a whole number of milliseconds \(at least 1\), got "0"/);
    assert.throws(() => readSettings({ IDLE_TIMEOUT_MS: '1.5' }), /IDLE_TIMEOUT_MS must be/);
    assert.throws(() => readSettings({ MAX_CONNECTIONS_PER_IP: '-1' }), /MAX_CONNECTIONS_PER_IP must be a whole number of connections \(0 = no cap\)/);
    assert.throws(() => readSettings({ HEADERS_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '10000' }), /HEADERS_TIMEOUT_MS \(20000\) must not exceed REQUEST_TIMEOUT_MS \(10000\)/);
  });

  test('refuses a bad PORT or CORS origin with a clear message', () => {
    assert.throws(() => readSettings({ PORT: 'eighty' }), /PORT must be a port number/);
    assert.throws(() => readSettings({ PORT: '70000' }), /PORT/);
    assert.throws(() => readSettings({ CORS_ORIGINS: 'portal.example' }), /CORS_ORIGINS: Not an origin/);
  });
});
