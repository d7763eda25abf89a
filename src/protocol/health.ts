import { z } from 'zod/mini';

/** `GET /health`: liveness and database reachability of the backend. */
export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.enum(['ok', 'unavailable']),
  uptimeSeconds: z.number(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/**
 * `GET /ready`: whether this process should be sent traffic (for the reverse proxy or the
 * orchestrator). `ready` when the database answers and every migration the process knows is
 * applied, and the process is not shutting down; otherwise 503 with the reason.
 */
export const ReadyResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.enum(['ok', 'unavailable']),
  migrations: z.enum(['applied', 'pending', 'unknown']),
  /** The process is stopping: it finishes what it has, takes nothing new. */
  draining: z.boolean(),
});
export type ReadyResponse = z.infer<typeof ReadyResponse>;
