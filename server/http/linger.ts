import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';

const LINGER_MS = 5_000;

/**
 * A "lingering close" for an answer sent before the request body was read: Node would close the
 * socket as soon as the answer is written, and closing a socket with unread data makes the
 * kernel send a reset, which can destroy the answer (413, 415, 401) before the client has read
 * it: the client sees EPIPE or ECONNRESET instead. Instead, the socket's sending side is closed
 * and whatever still arrives is read and dropped until the client closes its side or LINGER_MS
 * pass.
 */
export function lingerAfterAnswer(socket: Socket | null): void {
  if (!socket || socket.destroyed) return;
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.writable) this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS).unref();
    this.once('close', () => clearTimeout(timer));
    this.once('end', () => this.destroy());
    this.resume();
  };
}

/**
 * For an answer to a request whose body has not been read to its end (refused by its size, its
 * headers or its sender): the connection is closed after the answer, lingering so that the
 * client reads the answer. Nothing is done for a request read in full.
 */
export function closeAfterAnswerIfUnread(request: FastifyRequest, reply: FastifyReply): void {
  if (request.raw.complete) return;
  reply.header('Connection', 'close');
  lingerAfterAnswer(request.raw.socket);
}
