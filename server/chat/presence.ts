import { randomUUID } from 'node:crypto';
import type { OperatorStatus, PresenceSocket, PresenceStore } from './presence-store.js';

/** A process confirms its rows this often… */
export const DEFAULT_PRESENCE_REFRESH_MS = 15_000;
/** …and readers ignore a row not confirmed for this long: its process is gone (three refreshes missed). */
export const DEFAULT_PRESENCE_FRESH_MS = 45_000;

/**
 * One server process's side of the operators' presence (the rows are in the database, see
 * presence-store.ts, so that every process counts every operator).
 *
 * - The process knows its own sockets (in memory) and writes them through: a socket's row goes in
 *   when it connects and out when it disconnects; every `refreshMs` the process confirms its rows
 *   (`seen_at`), puts back any the database lacks (a write that failed, rows swept while the
 *   process stalled) and removes its rows of sockets gone (a delete that failed), then sweeps
 *   the rows of processes that stopped confirming theirs. A graceful stop removes its rows.
 * - Its writes run one after another, in the order asked (a socket's connect before its
 *   disconnect), and its reads wait for the writes asked before them: what an operator did
 *   through this process is counted in the next answer this process gives.
 * - Freshness is the wall clock's (`Date.now`), not the service's `now()`: `seen_at` is about
 *   processes being alive, measured against the real-time timer that refreshes it, while the
 *   service's clock is for business times and tests fix it or move it by days (which would make
 *   every row fresh forever, or stale at once). Processes on several hosts need their clocks
 *   within a few seconds of each other (NTP), well inside `freshMs - refreshMs`.
 */
export interface OperatorPresence {
  /** This process start's random id (its rows' `process_id`). */
  readonly processId: string;
  /** Rejects when the database write fails (the next refresh puts the row in). */
  online(operatorName: string, socketId: string): Promise<void>;
  /** Rejects when the database write fails (the next refresh removes the row). */
  offline(socketId: string): Promise<void>;
  /** Every socket of the operator, on every process; rejects when the write fails. */
  setStatus(operatorName: string, status: OperatorStatus): Promise<void>;
  /** Operators with a fresh row that is `available`, on any process. */
  available(): Promise<number>;
  /** Whether the operator is connected to any process (available or away). */
  isOnline(operatorName: string): Promise<boolean>;
  /** Stops the refresh and removes this process's rows (a failure is logged). */
  stop(): Promise<void>;
}

export function createOperatorPresence(options: {
  store: PresenceStore;
  refreshMs?: number;
  freshMs?: number;
  log?: (error: unknown, message: string) => void;
}): OperatorPresence {
  const { store } = options;
  const refreshMs = options.refreshMs ?? DEFAULT_PRESENCE_REFRESH_MS;
  const freshMs = options.freshMs ?? DEFAULT_PRESENCE_FRESH_MS;
  const processId = randomUUID();
  /** This process's operator sockets: socket id → operator name. */
  const sockets = new Map<string, string>();
  /** The writes asked so far, one after another; never rejects. */
  let writes: Promise<void> = Promise.resolve();
  let stopped = false;
  let refreshing = false;

  const freshSince = () => Date.now() - freshMs;

  /** Runs `write` after the writes asked before it (not at all once stopped). */
  const enqueue = (write: () => Promise<void>): Promise<void> => {
    const run = writes.then(() => (stopped ? undefined : write()));
    writes = run.catch(() => {});
    return run;
  };

  const own = (): PresenceSocket[] => [...sockets].map(([socketId, operatorName]) => ({ socketId, operatorName }));

  const refresh = async () => {
    const at = Date.now();
    await store.upsert(processId, own(), at, at - freshMs);
    const gone = (await store.socketsOf(processId)).filter((socketId) => !sockets.has(socketId));
    await store.remove(gone);
    await store.purge(at - freshMs);
  };

  const timer = setInterval(() => {
    // A refresh still waiting (a busy database) is not asked for again.
    if (refreshing) return;
    refreshing = true;
    enqueue(refresh)
      .catch((error: unknown) => options.log?.(error, 'chat operator presence refresh failed'))
      .finally(() => {
        refreshing = false;
      });
  }, refreshMs);
  timer.unref();

  return {
    processId,
    online(operatorName, socketId) {
      sockets.set(socketId, operatorName);
      return enqueue(async () => {
        // Disconnected meanwhile: nothing to put in (its delete is queued after this).
        if (!sockets.has(socketId)) return;
        const at = Date.now();
        await store.upsert(processId, [{ socketId, operatorName }], at, at - freshMs);
      });
    },
    offline(socketId) {
      sockets.delete(socketId);
      return enqueue(() => store.remove([socketId]));
    },
    setStatus(operatorName, status) {
      return enqueue(() => store.setStatus(operatorName, status));
    },
    async available() {
      await writes;
      return store.availableCount(freshSince());
    },
    async isOnline(operatorName) {
      await writes;
      return store.isOnline(operatorName, freshSince());
    },
    async stop() {
      if (stopped) return;
      // The writes still waiting are dropped (the rows go below anyway); the one running ends first.
      stopped = true;
      clearInterval(timer);
      sockets.clear();
      await writes;
      try {
        await store.removeProcess(processId);
      } catch (error) {
        options.log?.(error, 'chat operator presence: removing this process\'s rows failed');
      }
    },
  };
}
