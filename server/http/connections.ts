import type { IncomingMessage, Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

/** The request line and headers must have arrived this long after the request's first byte. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/**
 * The whole request, body included, must have arrived this long after its first byte. Long
 * enough for a 5 MB attachment at ~45 KB/s (a poor mobile uplink); a dribble slower than that is
 * cut.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
/** A connection without a byte in either direction for this long is closed (also between requests). */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** Open connections per client address (the socket's remote address). */
export const DEFAULT_MAX_CONNECTIONS_PER_IP = 100;

export interface ConnectionLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  /** 0 = no cap. */
  maxConnectionsPerIp: number;
}

/**
 * The limits in force: the given ones over the defaults, checked. Behind a trusted proxy every
 * connection comes from the proxy's address, so the per-address cap is off unless given: the
 * proxy limits its clients (`limit_conn`).
 */
export function resolveConnectionLimits(input: Partial<ConnectionLimits> = {}, trustProxy = false): ConnectionLimits {
  const limits: ConnectionLimits = {
    headersTimeoutMs: input.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: input.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    idleTimeoutMs: input.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    maxConnectionsPerIp: input.maxConnectionsPerIp ?? (trustProxy ? 0 : DEFAULT_MAX_CONNECTIONS_PER_IP),
  };
  for (const key of ['headersTimeoutMs', 'requestTimeoutMs', 'idleTimeoutMs'] as const) {
    if (!Number.isInteger(limits[key]) || limits[key] < 1) {
      throw new Error(`${key} must be a positive whole number of milliseconds, got ${limits[key]}`);
    }
  }
  if (!Number.isInteger(limits.maxConnectionsPerIp) || limits.maxConnectionsPerIp < 0) {
    throw new Error(`maxConnectionsPerIp must be a whole number (0 = no cap), got ${limits.maxConnectionsPerIp}`);
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(`headersTimeoutMs (${limits.headersTimeoutMs}) must not exceed requestTimeoutMs (${limits.requestTimeoutMs})`);
  }
  return limits;
}

/**
 * Fastify's server options for the limits. Fastify's own defaults (0) switch Node's timeouts off;
 * the headers and request timeouts are checked by Node every `connectionsCheckingInterval`
 * (30 s by default), so that interval is shortened to a fifth of the headers timeout (the shorter one; 0.1–1 s).
 */
export function serverTimeouts(limits: ConnectionLimits) {
  const checkEveryMs = Math.min(1_000, Math.max(100, Math.floor(limits.headersTimeoutMs / 5)));
  const http: ServerOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: checkEveryMs,
  };
  return {
    requestTimeout: limits.requestTimeoutMs,
    // Idle within a request (socket.setTimeout) and between requests (keep-alive; Node adds 1 s).
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.idleTimeoutMs,
    http,
  };
}

/**
 * Caps the open connections of each remote address: one over the cap is reset as it is accepted,
 * before Node's HTTP handling sees it (so a flood of refused connections costs little). Returns
 * the open count of an address.
 */
export function limitConnectionsPerIp(
  server: Server,
  maxPerIp: number,
  onCapped?: (address: string) => void,
): { count(address: string): number } {
  const open = new Map<string, number>();
  if (maxPerIp > 0) {
    const capped = new Set<string>();
    const admit = (socket: Socket): boolean => {
      const address = socket.remoteAddress;
      // Undefined: already gone.
      const count = address === undefined ? maxPerIp : (open.get(address) ?? 0);
      if (address === undefined || count >= maxPerIp) {
        // A reset, not a FIN: no TIME_WAIT left behind on this side.
        socket.resetAndDestroy();
        // Told once per episode, not once per refused connection.
        if (address !== undefined && !capped.has(address)) {
          capped.add(address);
          onCapped?.(address);
        }
        return false;
      }
      open.set(address, count + 1);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
        if (left < maxPerIp / 2) capped.delete(address);
      });
      return true;
    };
    // Node's own 'connection' listener (the HTTP parser) runs only for admitted sockets.
    const listeners = server.listeners('connection') as ((socket: Socket) => void)[];
    server.removeAllListeners('connection');
    server.on('connection', (socket: Socket) => {
      if (!admit(socket)) return;
      for (const listener of listeners) listener.call(server, socket);
    });
  }
  return { count: (address) => open.get(address) ?? 0 };
}

/**
 * A long-lived answer with a keep-alive of its own (an SSE stream): its connection is exempt
 * from the idle timeout. Node restores the timeout when a next request comes on the connection.
 * The headers and request timeouts no longer apply once the request has arrived.
 */
export function keepOpen(socket: Socket): void {
  socket.setTimeout(0);
}

/**
 * Requests that `matches` (Socket.IO long polls, held open up to its ping interval) are exempt
 * from the idle timeout, like `keepOpen`. Upgraded WebSockets need nothing: Node stops watching
 * an upgraded socket and `ws` turns its timeout off.
 */
export function exemptFromIdleTimeout(server: Server, matches: (request: IncomingMessage) => boolean): void {
  server.prependListener('request', (request: IncomingMessage) => {
    if (matches(request)) keepOpen(request.socket);
  });
}
