import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import { Server } from 'socket.io';
import type { OriginPolicy } from './http/origins.js';

export const SOCKET_PATH = '/socket.io';

/**
 * The realtime channel (chat, status updates) on the HTTP server's port. Browsers on other
 * origins are let in only when CORS_ORIGINS lists them — for WebSocket too, which CORS alone
 * does not cover — so a foreign page cannot open a socket in a visitor's name.
 */
export function createRealtime(server: HttpServer, policy: OriginPolicy, cluster?: RealtimeCluster): Server {
  const io = new Server(server, {
    path: SOCKET_PATH,
    serveClient: false,
    // One process: a client back within two minutes gets its rooms, its data (the chat's
    // conversation, the operator) and the events it missed. Several processes: the PostgreSQL
    // adapter cannot recover a session (its state lives in one process, and the client may come
    // back to another), so the client starts afresh and the chat's `chat:sync` fills the gap.
    ...(cluster ? {} : { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true } }),
    // The largest message is a chat text of 2000 characters: 100 KB leaves room and no more.
    maxHttpBufferSize: 100_000,
    cors: { origin: [...policy.allowed], methods: ['GET', 'POST'] },
    allowRequest: (req, callback) => {
      const allowed = policy.isAllowed(req.headers.origin, req.headers.host);
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });
  if (cluster) {
    // Events to rooms reach the clients of every process: through PostgreSQL's LISTEN/NOTIFY
    // (one connection of the pool stays listening), packets over 8000 bytes through the table
    // of migration 010. If PostgreSQL is cut off, events reach this process's clients only.
    io.adapter(createAdapter(cluster.pool, { tableName: 'socket_io_attachments', errorHandler: cluster.onError }));
  }
  return io;
}

/**
 * Resolves once the PostgreSQL adapter listens (true), or after `timeoutMs` (false). Wait for it
 * before taking work: @socket.io/postgres-adapter 0.5 takes its listening connection from the pool
 * in the background, and if it is closed before it has one, that connection is never given back
 * and the pool (so the process) cannot end. Reads the adapter's own field for it (pinned ~0.5.0;
 * test/server/realtime-cluster.test.ts closes an app at once after start and would hang).
 */
export async function realtimeReady(io: Server, timeoutMs: number): Promise<boolean> {
  const pubsub = (io.of('/').adapter as unknown as { client?: { client?: unknown } }).client;
  if (!pubsub) return true; // Socket.IO's own adapter: nothing to wait for.
  const until = Date.now() + timeoutMs;
  while (!pubsub.client) {
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Several server processes on one PostgreSQL: Socket.IO's events go through it. */
export interface RealtimeCluster {
  pool: pg.Pool;
  onError(error: Error): void;
}

/**
 * Closes every client's transport and stops the engine, leaving the HTTP server to its owner.
 * Clients see a lost connection («transport close»), not a dismissal («io server disconnect»),
 * so Socket.IO clients reconnect by themselves — behind a proxy, to another process.
 */
export function closeRealtime(io: Server): void {
  io.engine.close();
  // The PostgreSQL adapter's listening connection goes back to the pool, so the pool can end.
  for (const namespace of io._nsps.values()) void Promise.resolve(namespace.adapter.close()).catch(() => {});
}
