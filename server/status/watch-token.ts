import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import { SECRET_BYTES, loadMetaSecret } from '../database/secrets.js';

/** The `meta` key of the signing secret of watch tokens. */
export const WATCH_SECRET_KEY = 'status_watch_secret';
/** A watch token is valid this long after the lookup that gave it out. */
export const DEFAULT_WATCH_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
/** Longer tokens are not ours: refused before any work is done. */
export const MAX_WATCH_TOKEN_LENGTH = 512;

/** Domain separation: this secret signs watch tokens and nothing else. */
const CONTEXT = 'gs-status-watch.v1.';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Watch tokens: `base64url(JSON {n, e}).base64url(HMAC-SHA256)`, naming one request number (`n`)
 * and when the token expires (`e`, ms since the epoch). They carry no second factor: whoever has
 * one may follow that request's status until it expires, nothing else.
 */
export interface WatchTokens {
  readonly ttlMs: number;
  /** A token for `number`, valid for `ttlMs` from now. */
  issue(number: string): string;
  /** The request number of a valid, unexpired token; undefined for anything else. */
  verify(token: string): string | undefined;
}

/** The signing secret of watch tokens, its own in `meta` (database/secrets.ts). */
export const loadWatchSecret = (db: Kysely<Database>): Promise<Buffer> => loadMetaSecret(db, WATCH_SECRET_KEY);

export function createWatchTokens(options: { secret: Buffer; ttlMs?: number; now: () => number }): WatchTokens {
  const { secret, now } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_WATCH_TOKEN_TTL_MS;
  if (!(ttlMs > 0)) throw new Error(`Watch token lifetime must be positive, got ${ttlMs}`);
  if (secret.length < SECRET_BYTES) throw new Error(`Watch token secret must have at least ${SECRET_BYTES} bytes`);

  const sign = (payload: string) => createHmac('sha256', secret).update(CONTEXT).update(payload).digest('base64url');

  return {
    ttlMs,
    issue(number) {
      const payload = Buffer.from(JSON.stringify({ n: number, e: now() + ttlMs })).toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    verify(token) {
      if (typeof token !== 'string' || token.length > MAX_WATCH_TOKEN_LENGTH) return undefined;
      const dot = token.indexOf('.');
      if (dot < 0) return undefined;
      const payload = token.slice(0, dot);
      const signature = token.slice(dot + 1);
      if (!BASE64URL.test(payload) || !BASE64URL.test(signature)) return undefined;
      // The expected signature as text: only its one canonical spelling passes.
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      let claims: unknown;
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return undefined;
      }
      if (typeof claims !== 'object' || claims === null) return undefined;
      const { n, e } = claims as { n?: unknown; e?: unknown };
      if (typeof n !== 'string' || n.length === 0 || typeof e !== 'number' || !Number.isFinite(e)) return undefined;
      return now() < e ? n : undefined;
    },
  };
}
