import { errors, jwtVerify } from 'jose';

/** Tokens older than this are refused even if their `exp` is later (a page left open for days). */
export const IDENTITY_MAX_AGE = '12h';
/** The secret must be at least this long (HS256 with a short secret is guessable offline). */
export const IDENTITY_SECRET_MIN_LENGTH = 32;

/** The person the host site vouches for. */
export interface VerifiedIdentity {
  /** The site's own id of the person (`sub`). */
  subject: string;
  /** Their name as the site gives it (`name`), for the operator. */
  name?: string;
}

export type IdentityCheck = { ok: true; identity: VerifiedIdentity } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Checks the identity token a host site passes to the widget (`GovSupport.configure({
 * identityToken })`): a JWT signed with HS256 by the site's backend with the secret it shares
 * with this server (IDENTITY_SECRET), with `sub`, `exp` and `iat`, and optionally `name`. Other
 * algorithms, a missing claim, a bad signature or an expired token are refused.
 */
export function createIdentityVerifier(secret: string, now: () => number = Date.now): (token: string) => Promise<IdentityCheck> {
  if (secret.length < IDENTITY_SECRET_MIN_LENGTH) throw new Error(`IDENTITY_SECRET must have at least ${IDENTITY_SECRET_MIN_LENGTH} characters`);
  const key = new TextEncoder().encode(secret);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp', 'iat'],
        maxTokenAge: IDENTITY_MAX_AGE,
        currentDate: new Date(now()),
      });
      const subject = String(payload.sub).slice(0, 200);
      const name = typeof payload.name === 'string' ? payload.name.trim().slice(0, 120) : '';
      return { ok: true, identity: name ? { subject, name } : { subject } };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  };
}
