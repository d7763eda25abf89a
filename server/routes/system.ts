import type { FastifyInstance } from 'fastify';
import type { ConfigResponse } from '#protocol/config.js';
import { endpoints } from '#protocol/endpoints.js';
import type { HealthResponse, ReadyResponse } from '#protocol/health.js';
import { sql, type Kysely, type Migration } from 'kysely';
import { migrationState as readMigrationState } from '../database/migrate.js';
import type { Database } from '../database/schema.js';
import { defineRoute } from '../http/route.js';
import { VERSION } from '../version.js';

export interface SystemRoutesOptions {
  /** The database (SQLite or PostgreSQL) through Kysely. */
  db: Kysely<Database>;
  config: ConfigResponse;
  /** `performance.now()` when the app was built; uptime counts from it. */
  startedAt: number;
  /** True once the process has begun to shut down. */
  draining: () => boolean;
  /** The migrations this process applies (the backend's own unless a test says). */
  migrations?: Readonly<Record<string, Migration>>;
}

/** `GET /config`, `GET /health` (alive) and `GET /ready` (fit for traffic). */
export function registerSystemRoutes(app: FastifyInstance, { db, config, startedAt, draining, migrations }: SystemRoutesOptions): void {
  defineRoute(app, endpoints.getConfig, ({ reply }) => {
    reply.header('Cache-Control', 'no-cache');
    return config;
  });

  defineRoute(app, endpoints.health, async ({ reply }) => {
    const base = { version: VERSION, uptimeSeconds: Math.floor((performance.now() - startedAt) / 1000) };
    if (await databaseReachable(db)) {
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

  defineRoute(app, endpoints.ready, async ({ reply }) => {
    reply.header('Cache-Control', 'no-store');
    const database = (await databaseReachable(db)) ? 'ok' : 'unavailable';
    const state = database === 'ok' ? await migrationState(db, migrations) : 'unknown';
    const stopping = draining();
    if (database === 'ok' && state === 'applied' && !stopping) {
      return { status: 'ready', database, migrations: state, draining: false } satisfies ReadyResponse;
    }
    reply.code(503);
    const reason = stopping ? 'Сервер останавливается.' : database !== 'ok' ? 'База данных недоступна.' : 'Миграции базы данных не применены.';
    const body = { status: 'not_ready', database, migrations: state, draining: stopping } satisfies ReadyResponse;
    return Object.assign(body, { error: { code: 'unavailable', message: reason } });
  });
}

/** Every migration this process knows is recorded as applied (`kysely_migration`). */
async function migrationState(db: Kysely<Database>, migrations?: Readonly<Record<string, Migration>>): Promise<ReadyResponse['migrations']> {
  try {
    return await readMigrationState(db, migrations);
  } catch {
    return 'unknown';
  }
}

async function databaseReachable(db: Kysely<Database>): Promise<boolean> {
  try {
    const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
    return rows.length === 1;
  } catch {
    return false;
  }
}
