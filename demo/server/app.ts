import fastifyCors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
import { loadWidgetConfig, toConfigResponse } from './config.js';
import { openDatabase, type Db } from './db.js';
import { installErrorHandling } from './http/errors.js';
import { createOriginPolicy } from './http/origins.js';
import { closeRealtime, createRealtime } from './realtime.js';
import { registerSystemRoutes } from './routes/system.js';
import { DIST_PREFIX, registerStatic } from './static.js';

export interface BuildAppOptions {
  /** SQLite file (created with its folder if missing), or ':memory:'. */
  dbPath: string;
  /** Widget configuration JSON (validated with WidgetConfig); absent = all defaults. */
  configPath?: string | URL;
  /** Other sites allowed to call the API and open sockets (`https://portal.example`). */
  corsOrigins: string[];
  /** The built widget, served at /dist/. */
  distDir: string;
  /** The demo host pages, served at /. */
  siteDir: string;
  /** Fastify's request log to stdout; off unless asked for. */
  logger?: boolean;
  /** Bearer token of operator endpoints (not used yet). */
  operatorToken?: string;
}

export interface BackendApp {
  app: FastifyInstance;
  /** Socket.IO on the same HTTP server, at /socket.io. */
  io: Server;
  db: Db;
  /** Disconnects sockets, stops the HTTP server, closes the database. Safe to call twice. */
  close(): Promise<void>;
}

const API_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Builds the reference backend without listening: call `app.listen()` to serve, or `app.inject()`
 * to test. Routes may still be added until the app is ready. Throws when the widget configuration
 * is invalid, naming each bad field.
 */
export async function buildApp(options: BuildAppOptions): Promise<BackendApp> {
  const startedAt = performance.now();
  const config = toConfigResponse(loadWidgetConfig(options.configPath));
  const policy = createOriginPolicy(options.corsOrigins);
  const db = openDatabase(options.dbPath);

  // Shutdown does not wait for idle keep-alive or half-read connections of departed clients.
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  const io = createRealtime(app.server, policy);
  app.addHook('preClose', async () => closeRealtime(io));
  app.addHook('onClose', async () => {
    if (db.open) db.close();
  });

  try {
    installErrorHandling(app);
    app.addHook('onSend', async (_request, reply) => {
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    });

    await app.register(fastifyCors, {
      delegator: (request, callback) => {
        // The built widget is public: any site may load it (also as a module script).
        if (request.url.startsWith(DIST_PREFIX)) return callback(null, { origin: '*' });
        const allowed = policy.isAllowed(request.headers.origin, request.headers.host);
        callback(null, { origin: allowed, methods: API_METHODS, maxAge: 600 });
      },
    });

    registerSystemRoutes(app, { db, config, startedAt });
    await registerStatic(app, { distDir: options.distDir, siteDir: options.siteDir });
  } catch (error) {
    await app.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  return { app, io, db, close };
}
