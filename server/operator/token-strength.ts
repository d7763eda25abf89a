/**
 * The strength rule of `OPERATOR_TOKEN` (see docs/backend.md, «Token and sessions»).
 *
 * A token must
 * 1. have at least 32 characters;
 * 2. have an estimated entropy of at least 128 bits: its length times the Shannon entropy of its
 *    characters' frequencies (refuses `aaaa…`, tokens of a few letters, and 32 hex digits);
 * 3. not repeat itself: at least 3/4 of its 3-character sequences are different (refuses a word
 *    written several times, which the estimate of rule 2 does not see).
 *
 * A heuristic: it catches typed-in tokens, it cannot prove randomness. Random tokens always pass:
 * `openssl rand -base64 32` (44 characters, estimate ≥ ~185 bits), 32 random bytes as base64url
 * (43) or hex (64 characters, ≥ ~210 bits).
 */
export const MIN_OPERATOR_TOKEN_LENGTH = 32;
export const MIN_OPERATOR_TOKEN_BITS = 128;
const MIN_DISTINCT_TRIGRAMS = 0.75;

export const OPERATOR_TOKEN_RULE =
  `at least ${MIN_OPERATOR_TOKEN_LENGTH} characters that look random ` +
  `(an estimated entropy of at least ${MIN_OPERATOR_TOKEN_BITS} bits, no repeated parts)`;

export const OPERATOR_TOKEN_HOWTO =
  `Generate one with \`openssl rand -base64 32\` or ` +
  `\`node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"\``;

/** Length × Shannon entropy of the characters' frequencies, in bits. */
export function estimatedTokenBits(token: string): number {
  const chars = [...token];
  const counts = new Map<string, number>();
  for (const char of chars) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    bitsPerChar -= p * Math.log2(p);
  }
  return bitsPerChar * chars.length;
}

/** Why `token` is too weak (never quoting it), or undefined when it passes the rule. */
export function operatorTokenWeakness(token: string): string | undefined {
  const chars = [...token];
  if (chars.length < MIN_OPERATOR_TOKEN_LENGTH) return `it has ${chars.length} characters, fewer than ${MIN_OPERATOR_TOKEN_LENGTH}`;
  const bits = estimatedTokenBits(token);
  if (bits < MIN_OPERATOR_TOKEN_BITS) return `its estimated entropy is ${Math.floor(bits)} bits, less than ${MIN_OPERATOR_TOKEN_BITS}`;
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(''));
  if (trigrams.size < MIN_DISTINCT_TRIGRAMS * (chars.length - 2)) return 'it repeats itself';
  return undefined;
}

/** The start-up error for a weak token. */
export function weakOperatorTokenMessage(weakness: string, name = 'OPERATOR_TOKEN (buildApp option operatorToken)'): string {
  return (
    `${name} is too weak: ${weakness}. ` +
    `It must have ${OPERATOR_TOKEN_RULE}. ${OPERATOR_TOKEN_HOWTO}. ` +
    'For a demo only, OPERATOR_TOKEN_DEMO=1 (buildApp option allowWeakOperatorToken) accepts a weak token.'
  );
}
