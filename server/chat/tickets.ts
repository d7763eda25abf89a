import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { endpoints } from '#protocol/endpoints.js';
import type { Database } from '../database/schema.js';
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
 * the database (hashed, single use, short-lived), so that the socket may open on any process.
 */
export interface ChatTickets {
  issue(operatorName: string): Promise<{ ticket: string; expiresAt: string }>;
  /** The operator of a valid ticket, which is then spent; undefined otherwise. */
  redeem(ticket: string): Promise<string | undefined>;
}

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('hex');
const iso = (at: number) => new Date(at).toISOString();

export function createChatTickets(db: Kysely<Database>, now: () => number, ttlMs = CHAT_TICKET_TTL_MS): ChatTickets {
  return {
    async issue(operatorName) {
      const at = now();
      await db.deleteFrom('chat_tickets').where('expires_at', '<=', iso(at)).execute();
      const ticket = randomBytes(32).toString('base64url');
      await db.insertInto('chat_tickets').values({ ticket_hash: hash(ticket), operator_name: operatorName, expires_at: iso(at + ttlMs) }).execute();
      return { ticket, expiresAt: iso(at + ttlMs) };
    },
    async redeem(ticket) {
      if (typeof ticket !== 'string' || ticket.length > 200) return undefined;
      // Spent by the one statement that finds it: two sockets with one ticket, on any processes,
      // cannot both get it.
      const spent = await db
        .deleteFrom('chat_tickets')
        .where('ticket_hash', '=', hash(ticket))
        .returning(['operator_name', 'expires_at'])
        .executeTakeFirst();
      return spent && spent.expires_at > iso(now()) ? spent.operator_name : undefined;
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
