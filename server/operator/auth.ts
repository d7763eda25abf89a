import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperatorRole } from '#protocol/operator.js';
import { withoutHiddenControls } from '#protocol/text.js';
import { HttpError } from '../http/errors.js';
import type { FailureLimiter } from '../http/failure-limits.js';
import { sameSecret } from '../http/same-secret.js';
import type { OperatorSessionStore, StoredSession } from './session-store.js';

/** The session cookie: HttpOnly, SameSite=Strict, Path=/operator. */
export const SESSION_COOKIE = 'gs_operator_session';
/** State-changing calls with the session cookie must send `X-Requested-With: gs-operator`. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'gs-operator';
export const OPERATOR_NAME_HEADER = 'x-operator-name';
/** Sessions are valid this long after login unless `operatorSessionTtlMs` says otherwise. */
export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

const UNAUTHORIZED = 'Нужен вход оператора: войдите с токеном оператора.';
const EXPIRED = 'Сессия оператора истекла или завершена. Войдите снова.';
const WRONG_TOKEN = 'Неверный токен оператора.';
const NO_CSRF_HEADER = 'Запрос отклонён: нет заголовка X-Requested-With: gs-operator (защита от CSRF).';
const TOO_MANY_WITH_TOKEN = 'Слишком много неудачных попыток входа с этим токеном. Повторите попытку позже.';
const TOO_MANY_FROM_IP = 'Слишком много неудачных попыток входа с этого адреса. Повторите попытку позже.';

export interface Operator {
  operatorName: string;
  via: 'session' | 'token';
  /** `supervisor` when logged in (or calling) with SUPERVISOR_TOKEN. */
  role: OperatorRole;
}

/** A session as the API shows it: `role` only for a supervisor. */
export interface ShownSession {
  operatorName: string;
  expiresAt: string;
  role?: 'supervisor';
}


export interface OperatorAuth {
  /** Checks the token (constant time); a new session, or 401 / 429 (wrong tokens only). */
  login(request: FastifyRequest, reply: FastifyReply, token: string, operatorName: string): Promise<ShownSession>;
  /** onRequest hook of every operator endpoint but the login: 401 / 403 / 429, or the operator is known. */
  guard(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The operator `guard` let through. */
  operator(request: FastifyRequest): Operator;
  /** The session of `request` (if any) as the API shows it. */
  session(request: FastifyRequest): Promise<ShownSession | undefined>;
  logout(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Live sessions (for tests). */
  sessionCount(): Promise<number>;
}

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * `Secure` when the client reached us over HTTPS: the connection's own TLS, or, with `trustProxy`
 * only, the last entry of the proxy's `X-Forwarded-Proto` (Fastify's `request.protocol`; compared
 * case-insensitively, `HTTPS` counts too). Without `trustProxy` the header is ignored.
 */
function setCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAgeSeconds: number): void {
  const secure = request.protocol?.toLowerCase() === 'https' ? '; Secure' : '';
  reply.header('Set-Cookie', `${SESSION_COOKIE}=${value}; Path=/operator; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`);
}

const headerValue = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** X-Operator-Name (URL-encoded when not ASCII, like X-File-Name) without hidden controls, or `api`. */
function operatorNameHeader(request: FastifyRequest): string {
  let name = headerValue(request, OPERATOR_NAME_HEADER) ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not URL-encoded: taken as it is.
  }
  name = withoutHiddenControls(name).trim();
  return name.length >= 2 && name.length <= 80 ? name : 'api';
}

export function createOperatorAuth(options: {
  token: string;
  /** SUPERVISOR_TOKEN: logs in (or calls) as a supervisor; none = no supervisors. */
  supervisorToken?: string | undefined;
  ttlMs: number;
  now: () => number;
  /**
   * Wrong tokens (login or Bearer): `perToken` per client IP and presented token,
   * `perIp` per client IP whatever the token (a ceiling).
   */
  failures: { perToken: FailureLimiter; perIp: FailureLimiter };
  /** Where sessions live: the database, shared by every server process (session-store.ts). */
  sessions: OperatorSessionStore;
}): OperatorAuth {
  const { token, ttlMs, now, failures, sessions } = options;
  const supervisorToken = options.supervisorToken || undefined;
  if (!(ttlMs > 0)) throw new Error(`operatorSessionTtlMs must be positive, got ${ttlMs}`);
  const known = new WeakMap<FastifyRequest, Operator>();

  // Limiter keys (stored in the database) name a wrong token by a keyed hash, never the token.
  // The key comes from the operator token, which every process shares, so that they all count
  // one wrong token under one key; without that token it cannot be recomputed.
  const keyOfToken = createHash('sha256').update(`gs-operator-failures:${token}`).digest();
  const tokenId = (given: string) => createHmac('sha256', keyOfToken).update(given).digest('base64url');

  /**
   * Lets the right token through; counts a wrong one and throws 401, or 429 when over a limit.
   *
   * Lockout per client IP *and* presented token, not per IP: ten wrong tries of one token from
   * an office NAT must not lock out every colleague behind it. The right token is checked first
   * (constant time) and never counted nor refused, so no lockout ever holds it back. That gives
   * up slowing down the guessing of the token itself, on purpose: a token of the strength the
   * server demands at start (≥ 128 bits, operator/token-strength.ts) cannot be guessed anyway.
   * What the limits still do: lock a known wrong token (an old one in a script, a colleague's
   * typo) for a while, and cap a flood of distinct wrong tokens per IP (`perIp`), which also
   * bounds the rows it keeps per IP (refused tries are not recorded; windows are swept).
   */
  const checkToken = async (request: FastifyRequest, given: string): Promise<OperatorRole> => {
    // Both compared, in constant time, whichever matches.
    const isOperator = sameSecret(given, token);
    const isSupervisor = supervisorToken !== undefined && sameSecret(given, supervisorToken);
    if (isSupervisor) return 'supervisor';
    if (isOperator) return 'operator';
    const ip = request.ip;
    const byToken = await failures.perToken.begin([`ip:${ip}:token:${tokenId(given)}`]);
    if (!byToken.allowed) throw new HttpError(429, 'rate_limited', TOO_MANY_WITH_TOKEN, undefined, byToken.retryAfterSeconds);
    const byIp = await failures.perIp.begin([`ip:${ip}`]);
    if (!byIp.allowed) {
      await byToken.succeeded(); // not counted: refused before any check
      throw new HttpError(429, 'rate_limited', TOO_MANY_FROM_IP, undefined, byIp.retryAfterSeconds);
    }
    throw new HttpError(401, 'unauthorized', WRONG_TOKEN);
  };

  const current = async (request: FastifyRequest): Promise<StoredSession | undefined> => {
    const id = cookieValue(request, SESSION_COOKIE);
    return id ? sessions.find(hashId(id), now()) : undefined;
  };

  const shown = (session: StoredSession): ShownSession => ({
    operatorName: session.operatorName,
    expiresAt: new Date(session.expiresAt).toISOString(),
    ...(session.role === 'supervisor' ? { role: 'supervisor' as const } : {}),
  });

  return {
    async login(request, reply, given, operatorName) {
      const role = await checkToken(request, given);
      const at = now();
      await sessions.sweep(at);
      const id = randomBytes(32).toString('base64url');
      const session = { operatorName, expiresAt: at + ttlMs, role };
      await sessions.save(hashId(id), session);
      setCookie(request, reply, id, Math.floor(ttlMs / 1000));
      return shown(session);
    },

    async guard(request, reply) {
      const authorization = headerValue(request, 'authorization');
      if (authorization !== undefined) {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
        if (!match) throw new HttpError(401, 'unauthorized', WRONG_TOKEN);
        const role = await checkToken(request, match[1]!);
        known.set(request, { operatorName: operatorNameHeader(request), via: 'token', role });
        return;
      }
      const hadCookie = cookieValue(request, SESSION_COOKIE) !== undefined;
      const session = await current(request);
      if (!session) {
        if (hadCookie) setCookie(request, reply, '', 0);
        throw new HttpError(401, 'unauthorized', hadCookie ? EXPIRED : UNAUTHORIZED);
      }
      if (request.method !== 'GET' && request.method !== 'HEAD' && headerValue(request, CSRF_HEADER) !== CSRF_VALUE) {
        throw new HttpError(403, 'forbidden', NO_CSRF_HEADER);
      }
      known.set(request, { operatorName: session.operatorName, via: 'session', role: session.role });
    },

    operator(request) {
      const operator = known.get(request);
      if (!operator) throw new HttpError(401, 'unauthorized', UNAUTHORIZED);
      return operator;
    },

    async session(request) {
      const session = await current(request);
      return session && shown(session);
    },

    async logout(request, reply) {
      const id = cookieValue(request, SESSION_COOKIE);
      if (id) await sessions.remove(hashId(id));
      setCookie(request, reply, '', 0);
    },

    sessionCount: () => sessions.count(now()),
  };
}
