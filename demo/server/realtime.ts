import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { OriginPolicy } from './http/origins.js';

export const SOCKET_PATH = '/socket.io';

/**
 * The realtime channel (chat, status updates) on the HTTP server's port. Browsers on other
 * origins are let in only when CORS_ORIGINS lists them — for WebSocket too, which CORS alone
 * does not cover — so a foreign page cannot open a socket in a visitor's name.
 */
export function createRealtime(server: HttpServer, policy: OriginPolicy): Server {
  return new Server(server, {
    path: SOCKET_PATH,
    serveClient: false,
    cors: { origin: [...policy.allowed], methods: ['GET', 'POST'] },
    allowRequest: (req, callback) => {
      const allowed = policy.isAllowed(req.headers.origin, req.headers.host);
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });
}

/** Disconnects every client and stops the engine, leaving the HTTP server to its owner. */
export function closeRealtime(io: Server): void {
  io.disconnectSockets(true);
  io.engine.close();
}
