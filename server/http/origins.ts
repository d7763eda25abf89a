/**
 * Which browser origins may call the backend from another site.
 * Same-origin requests (no Origin header, or the server's own host) are always welcome;
 * any other origin must be listed in CORS_ORIGINS.
 */
export interface OriginPolicy {
  /** The normalized allow-list (`https://portal.example`, no path, no trailing slash). */
  readonly allowed: readonly string[];
  /** True when `origin` may use the API: absent, same host as `host`, or in the allow-list. */
  isAllowed(origin: string | undefined, host: string | undefined): boolean;
}

/** `https://Portal.Example/` → `https://portal.example`; throws on anything that is not an http(s) origin. */
export function normalizeOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Not an origin: "${value}" (expected e.g. https://portal.example)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Not an http(s) origin: "${value}"`);
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`An origin has no path, query or credentials: "${value}"`);
  }
  return url.origin;
}

export function createOriginPolicy(origins: readonly string[]): OriginPolicy {
  const allowed = [...new Set(origins.map(normalizeOrigin))];
  const set = new Set(allowed);
  return {
    allowed,
    isAllowed(origin, host) {
      if (!origin) return true;
      let parsed: URL;
      try {
        parsed = new URL(origin);
      } catch {
        return false;
      }
      if (host && parsed.host === host.toLowerCase()) return true;
      return set.has(parsed.origin);
    },
  };
}
