import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Equal strings, compared in constant time (of their SHA-256, so that neither the length nor the
 * first differing character shows): tokens, phones and e-mails checked as second factors.
 */
export const sameSecret = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));
