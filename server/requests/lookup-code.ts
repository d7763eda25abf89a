import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Letters and digits nobody confuses when reading a code aloud or off a screen: no 0/O, 1/I/L. */
export const LOOKUP_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LOOKUP_CODE_LENGTH = 8;

/** A fresh lookup code, e.g. `K7QM4TXA`: 8 characters of a 31-letter alphabet (about 2^39.6). */
export function generateLookupCode(): string {
  let code = '';
  // Rejection sampling keeps every letter equally likely (256 is not a multiple of 31).
  const limit = 256 - (256 % LOOKUP_CODE_ALPHABET.length);
  while (code.length < LOOKUP_CODE_LENGTH) {
    for (const byte of randomBytes(16)) {
      if (byte < limit && code.length < LOOKUP_CODE_LENGTH) code += LOOKUP_CODE_ALPHABET[byte % LOOKUP_CODE_ALPHABET.length];
    }
  }
  return code;
}

/** As the citizen may type it: lower case, spaces or dashes in between. */
export function normalizeLookupCode(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

// scrypt with N = 2^14 takes some 30 ms: trying all codes of one request offline would take
// about a thousand CPU-years, and online guessing is rate-limited.
const SCRYPT: ScryptOptions & { N: number; r: number; p: number } = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions & { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** How the code is stored: `scrypt$N$r$p$salt$hash` (base64url); the code itself never is. */
export async function hashLookupCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(normalizeLookupCode(code), salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** True when `code` is the one `stored` was made from. */
export async function verifyLookupCode(stored: string, code: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem };
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(normalizeLookupCode(code), Buffer.from(salt, 'base64url'), options);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const SEAL_INFO = 'gov-support-widget lookup code v1';

function sealKey(idempotencyKey: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, salt, SEAL_INFO, 32));
}

/**
 * The lookup code encrypted (AES-256-GCM) under a key derived from the Idempotency-Key of the
 * create call, which the server does not store: a repeated call can answer the code again,
 * the database alone cannot.
 */
export function sealLookupCode(code: string, idempotencyKey: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(idempotencyKey, salt), iv);
  const data = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return ['v1', salt, iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The code sealed by `sealLookupCode` with the same key; undefined when it does not open. */
export function openLookupCode(sealed: string, idempotencyKey: string): string | undefined {
  const [version, salt, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !salt || !iv || !tag || data === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(idempotencyKey, Buffer.from(salt, 'base64url')), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
