import type { Socket } from 'socket.io';

/**
 * The client IP of a socket, as `request.ip` would tell it for an HTTP request: the first
 * X-Forwarded-For address only behind a trusted proxy, else the connection's own address.
 */
export function socketIp(socket: Socket, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = socket.handshake.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return socket.handshake.address;
}
