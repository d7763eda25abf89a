import type { Server } from 'socket.io';
import { STATUS_CHANGED_EVENT, STATUS_ROOM_EVENT } from '#protocol/operator.js';
import { StatusLookupBody, type RequestStatusView } from '#protocol/status.js';
import { socketIp } from '../http/socket-ip.js';
import type { StatusLookup } from './lookup.js';

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
