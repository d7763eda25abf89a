import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { endpoints } from '#protocol/endpoints.js';
import { defineRoute } from '../http/route.js';
import type { OperatorAuth } from '../operator/index.js';

/** `POST /operator/api/chat/ticket`: a one-time ticket for the operators' chat namespace. */
export const CHAT_TICKET_PATH = endpoints.operatorChatTicket.path;
/** A ticket opens one socket within this long of being issued. */
export const CHAT_TICKET_TTL_MS = 60_000;

/**
 * One-time tickets that carry the operator console's session to the chat's socket: the session
 * cookie is `Path=/operator`, so the browser never sends it to `/socket.io`. The console asks for
 * a ticket (cookie, CSRF header) and passes it as `auth: { ticket }` in the handshake. Kept in
 * memory, hashed, single use, short-lived.
 */
export interface ChatTickets {
  issue(operatorName: string): { ticket: string; expiresAt: string };
  /** The operator of a valid ticket, which is then spent; undefined otherwise. */
  redeem(ticket: string): string | undefined;
}

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

export function createChatTickets(now: () => number, ttlMs = CHAT_TICKET_TTL_MS): ChatTickets {
  const tickets = new Map<string, { operatorName: string; expiresAt: number }>();
  const sweep = (at: number) => {
    for (const [key, value] of tickets) if (value.expiresAt <= at) tickets.delete(key);
  };
  return {
    issue(operatorName) {
      const at = now();
      sweep(at);
      const ticket = randomBytes(32).toString('base64url');
      tickets.set(hash(ticket), { operatorName, expiresAt: at + ttlMs });
      return { ticket, expiresAt: new Date(at + ttlMs).toISOString() };
    },
    redeem(ticket) {
      if (typeof ticket !== 'string' || ticket.length > 200) return undefined;
      const key = hash(ticket);
      const found = tickets.get(key);
      tickets.delete(key);
      return found && found.expiresAt > now() ? found.operatorName : undefined;
    },
  };
}

/** The ticket route, behind the operator guard (session cookie with the CSRF header, or Bearer token). */
export function registerChatTicketRoute(app: FastifyInstance, options: { auth: OperatorAuth; tickets: ChatTickets }): void {
  defineRoute(
    app,
    endpoints.operatorChatTicket,
    ({ request, reply }) => {
      reply.header('Cache-Control', 'no-store');
      return options.tickets.issue(options.auth.operator(request).operatorName);
    },
    { onRequest: (request, reply) => options.auth.guard(request, reply) },
  );
}
