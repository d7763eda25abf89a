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
    // A client back within two minutes gets its rooms, its data (the chat's conversation, the
    // operator) and the events it missed; after longer, the chat's `chat:sync` fills the gap.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
    // The largest message is a chat text of 2000 characters: 100 KB leaves room and no more.
    maxHttpBufferSize: 100_000,
    cors: { origin: [...policy.allowed], methods: ['GET', 'POST'] },
    allowRequest: (req, callback) => {
      const allowed = policy.isAllowed(req.headers.origin, req.headers.host);
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });
}

/**
 * Closes every client's transport and stops the engine, leaving the HTTP server to its owner.
 * Clients see a lost connection («transport close»), not a dismissal («io server disconnect»),
 * so Socket.IO clients reconnect by themselves — behind a proxy, to another process.
 */
export function closeRealtime(io: Server): void {
  io.engine.close();
}
