import type { FastifyReply } from 'fastify';

/** Fastify's content type of the JSON answers it serializes itself (reply.js, CONTENT_TYPE.JSON). */
const JSON_TYPE = 'application/json; charset=utf-8';
/** The bytes of answers a service keeps for a while (the same object meanwhile): serialized once. */
const keptBodies = new WeakMap<object, Buffer>();

/**
 * `answer` as the bytes fastify would send for it (JSON.stringify, its JSON content type),
 * serialized once per answer object. The route returns these bytes in place of the object:
 * for answers kept per minute (callback slots, the office search and slots).
 */
export function keptBody(reply: FastifyReply, answer: object): Buffer {
  let body = keptBodies.get(answer);
  if (!body) keptBodies.set(answer, (body = Buffer.from(JSON.stringify(answer))));
  reply.type(JSON_TYPE);
  return body;
}
