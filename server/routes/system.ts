import type { FastifyInstance } from 'fastify';
import type { ConfigResponse } from '#protocol/config.js';
import { endpoints } from '#protocol/endpoints.js';
import type { HealthResponse } from '#protocol/health.js';
import type { Db } from '../db.js';
import { defineRoute } from '../http/route.js';
import { VERSION } from '../version.js';

export interface SystemRoutesOptions {
  db: Db;
  config: ConfigResponse;
  /** `performance.now()` when the app was built; uptime counts from it. */
  startedAt: number;
}

/** `GET /config` and `GET /health`. */
export function registerSystemRoutes(app: FastifyInstance, { db, config, startedAt }: SystemRoutesOptions): void {
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
      error: { code: 'internal', message: 'База данных недоступна.' },
    });
  });
}

function databaseReachable(db: Db): boolean {
  try {
    return db.prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}
