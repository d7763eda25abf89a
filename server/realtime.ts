import type { Server as HttpServer } from 'node:http';
import { socketIp } from './http/socket-ip.js';
import { Server } from 'socket.io';
import { STATUS_CHANGED_EVENT, STATUS_ROOM_EVENT } from '#protocol/operator.js';
import { StatusLookupBody, type RequestStatusView } from '#protocol/status.js';
import type { OriginPolicy } from './http/origins.js';
import type { StatusLookup } from './status/lookup.js';

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

/** The room of the citizens watching one request. */
export const statusRoom = (number: string) => `status:${number}`;

/** A socket watches at most this many requests. */
export const MAX_WATCHED_PER_SOCKET = 10;

export type WatchAck = { ok: true } | { ok: false; retryAfterSeconds?: number };

/**
 * `status:watch` `{ number, factor }` with an ack: checked like `POST /requests/lookup` (same
 * second factors, same rate limits); the socket joins the request's room and gets
 * `status:changed` with the new RequestStatusView on every status change. The ack is
 * `{ ok: true }`, or `{ ok: false }` alike for an unknown number and a wrong factor.
 */
export function attachStatusWatch(io: Server, options: { lookup: StatusLookup; trustProxy?: boolean }): void {
  io.on('connection', (socket) => {
    socket.on(STATUS_ROOM_EVENT, async (payload: unknown, ack?: unknown) => {
      const reply = (answer: WatchAck) => {
        if (typeof ack === 'function') (ack as (answer: WatchAck) => void)(answer);
      };
      try {
        const parsed = StatusLookupBody.safeParse(payload);
        // socket.rooms always holds the socket's own room.
        if (!parsed.success || socket.rooms.size > MAX_WATCHED_PER_SOCKET) return reply({ ok: false });
        const result = await options.lookup.lookup(parsed.data.number, parsed.data.factor, socketIp(socket, options.trustProxy ?? false));
        if (result.kind === 'rate_limited') return reply({ ok: false, retryAfterSeconds: result.retryAfterSeconds });
        if (result.kind !== 'found') return reply({ ok: false });
        await socket.join(statusRoom(result.row.number));
        reply({ ok: true });
      } catch {
        reply({ ok: false });
      }
    });
  });
}

/** Tells the watchers of a request about its new status. */
export function emitStatusChanged(io: Server, view: RequestStatusView): void {
  io.to(statusRoom(view.number)).emit(STATUS_CHANGED_EVENT, view);
}
