import type { FastifyInstance } from 'fastify';
import type { ConfigResponse } from '#protocol/config.js';
import { endpoints } from '#protocol/endpoints.js';
import type { HealthResponse, ReadyResponse } from '#protocol/health.js';
import { MIGRATIONS_DIR, appliedMigrations, listMigrations, type Db } from '../db.js';
import { defineRoute } from '../http/route.js';
import { VERSION } from '../version.js';

export interface SystemRoutesOptions {
  db: Db;
  config: ConfigResponse;
  /** `performance.now()` when the app was built; uptime counts from it. */
  startedAt: number;
  /** True once the process has begun to shut down. */
  draining: () => boolean;
  /** The folder of the migrations this process applies (the default one unless a test says). */
  migrationsDir?: string;
}

/** `GET /config`, `GET /health` (alive) and `GET /ready` (fit for traffic). */
export function registerSystemRoutes(app: FastifyInstance, { db, config, startedAt, draining, migrationsDir = MIGRATIONS_DIR }: SystemRoutesOptions): void {
  const known = listMigrations(migrationsDir).map((m) => m.version);
  defineRoute(app, endpoints.getConfig, ({ reply }) => {
    reply.header('Cache-Control', 'no-cache');
    return config;
  });

  defineRoute(app, endpoints.health, ({ reply }) => {
    const base = { version: VERSION, uptimeSeconds: Math.floor((performance.now() - startedAt) / 1000) };
    if (databaseReachable(db)) {
      reply.header('Cache-Control', 'no-store');
      return { status: 'ok', database: 'ok', ...base } satisfies HealthResponse;
    }
    // 503 bodies are ApiError by contract; this one is a HealthResponse at the same time,
    // so both load balancers and ApiError-aware clients can read it.
    reply.code(503).header('Cache-Control', 'no-store');
    const degraded = { status: 'degraded', database: 'unavailable', ...base } satisfies HealthResponse;
    return Object.assign(degraded, {
      error: { code: 'unavailable', message: 'База данных недоступна.' },
    });
  });

  defineRoute(app, endpoints.ready, ({ reply }) => {
    reply.header('Cache-Control', 'no-store');
    const database = databaseReachable(db) ? 'ok' : 'unavailable';
    const migrations = database === 'ok' ? migrationState(db, known) : 'unknown';
    const stopping = draining();
    if (database === 'ok' && migrations === 'applied' && !stopping) {
      return { status: 'ready', database, migrations, draining: false } satisfies ReadyResponse;
    }
    reply.code(503);
    const reason = stopping ? 'Сервер останавливается.' : database !== 'ok' ? 'База данных недоступна.' : 'Миграции базы данных не применены.';
    const body = { status: 'not_ready', database, migrations, draining: stopping } satisfies ReadyResponse;
    return Object.assign(body, { error: { code: 'unavailable', message: reason } });
  });
}

/** Every migration this process knows is recorded as applied. */
function migrationState(db: Db, known: number[]): ReadyResponse['migrations'] {
  try {
    const applied = new Set(appliedMigrations(db).map((m) => m.version));
    return known.every((v) => applied.has(v)) ? 'applied' : 'pending';
  } catch {
    return 'unknown';
  }
}

function databaseReachable(db: Db): boolean {
  try {
    return db.prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}
