import type { Server } from 'socket.io';
import { RequestStatusView } from '#protocol/status.js';
import { emitStatusChanged } from './socket-watch.js';
import type { WatchHub } from './watch-hub.js';

/** The server-side event that carries a new status to the other server processes. */
export const STATUS_FAN_OUT_EVENT = 'status:fan-out';

/**
 * A new status of a request or a callback, to every watcher on every process: the Socket.IO room
 * (the adapter carries room events across processes), this process's SSE streams, and, when
 * several processes share PostgreSQL (`clustered`), the other processes' SSE streams through
 * Socket.IO's `serverSideEmit` (the same LISTEN/NOTIFY channel). One process: nothing else to tell.
 */
export function createStatusPublisher(io: Server, hub: WatchHub, clustered: boolean): (view: RequestStatusView) => void {
  if (clustered) {
    io.on(STATUS_FAN_OUT_EVENT, (payload: unknown) => {
      const view = RequestStatusView.safeParse(payload);
      if (view.success) hub.publish(view.data);
    });
  }
  return (view) => {
    emitStatusChanged(io, view);
    hub.publish(view);
    if (clustered) io.serverSideEmit(STATUS_FAN_OUT_EVENT, view);
  };
}
