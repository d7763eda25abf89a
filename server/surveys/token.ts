import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CONTACT_CHANNELS, SURVEY_TOKEN_MAX, type ContactChannel } from '#protocol/quality.js';
import type { Database } from '../database/schema.js';
import { SECRET_BYTES, loadMetaSecret } from '../database/secrets.js';

/** The `meta` key of the secret that signs survey tokens (and nothing else). */
export const SURVEY_SECRET_KEY = 'survey_secret';
/** Domain separation: what this secret's MACs are about. */
const CONTEXT = 'gs-survey.v1.';
/** Characters of the MAC kept (base64url: 132 bits). */
const MAC_LENGTH = 22;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const CHANNELS = new Set<string>(CONTACT_CHANNELS);

/** The contact a survey token names. */
export interface SurveyContactRef {
  channel: ContactChannel;
  ref: string;
}

/**
 * Survey tokens: `<channel>.<base64url(reference)>.<MAC>`, the MAC being HMAC-SHA256 of
 * `gs-survey.v1.<channel>:<reference>` under the database's survey secret, truncated. Derived, not
 * stored: the status view, the chat, the callback's answer and the e-mail or SMS link all carry the
 * same token, and it is checked without a lookup. It never expires; «once» is the answer being
 * accepted once.
 */
export interface SurveyTokens {
  issue(channel: ContactChannel, ref: string): string;
  /** The contact of a genuine token; undefined for anything else. */
  verify(token: string): SurveyContactRef | undefined;
}

/** The survey secret of this database (database/secrets.ts): shared by its processes. */
export const loadSurveySecret = (db: Kysely<Database>): Promise<Buffer> => loadMetaSecret(db, SURVEY_SECRET_KEY);

export function createSurveyTokens(secret: Buffer): SurveyTokens {
  if (secret.length < SECRET_BYTES) throw new Error(`Survey token secret must have at least ${SECRET_BYTES} bytes`);
  const mac = (channel: string, ref: string) =>
    createHmac('sha256', secret).update(`${CONTEXT}${channel}:${ref}`).digest('base64url').slice(0, MAC_LENGTH);

  return {
    issue: (channel, ref) => `${channel}.${Buffer.from(ref, 'utf8').toString('base64url')}.${mac(channel, ref)}`,
    verify(token) {
      if (typeof token !== 'string' || token.length > SURVEY_TOKEN_MAX) return undefined;
      const parts = token.split('.');
      if (parts.length !== 3) return undefined;
      const [channel, encoded, given] = parts as [string, string, string];
      if (!CHANNELS.has(channel) || !BASE64URL.test(encoded) || given.length !== MAC_LENGTH || !BASE64URL.test(given)) return undefined;
      const ref = Buffer.from(encoded, 'base64url').toString('utf8');
      // Only the one canonical spelling of the reference passes.
      if (ref === '' || Buffer.from(ref, 'utf8').toString('base64url') !== encoded) return undefined;
      if (!timingSafeEqual(Buffer.from(given), Buffer.from(mac(channel, ref)))) return undefined;
      return { channel: channel as ContactChannel, ref };
    },
  };
}
