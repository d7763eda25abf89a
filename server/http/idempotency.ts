import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { IDEMPOTENCY_HEADER } from '#protocol/request.js';
import { HttpError } from './errors.js';

/**
 * Idempotent creates (`POST /requests`, `/callbacks`, `/offices/:id/bookings`): the key of the
 * `Idempotency-Key` header, and a hash of the body that tells a repeat from a changed body.
 */

/** 8 to 128 characters of A–Z, a–z, 0–9, `-` and `_` (a UUID fits). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** JSON with object keys sorted, so that the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of `text`, hex (idempotency keys are stored hashed). */
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** SHA-256 (hex) of the canonical JSON of `value`. */
export const hashBody = (value: unknown): string => sha256Hex(canonicalJson(value));

/** The request's Idempotency-Key; 400 when it is missing or malformed. */
export function idempotencyKey(request: FastifyRequest): string {
  const header = request.headers[IDEMPOTENCY_HEADER];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
    throw new HttpError(
      400,
      'validation_failed',
      'Нужен заголовок Idempotency-Key: от 8 до 128 латинских букв, цифр, знаков «-» и «_» (например, UUID).',
    );
  }
  return key;
}
