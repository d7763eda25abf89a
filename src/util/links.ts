const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** The URL if it is an http(s), mailto or tel link; undefined for anything else (javascript:, data:, …). */
export function safeHref(value: string): string | undefined {
  try {
    const url = new URL(value, globalThis.location?.href);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A tel: link from a number as people write it: «8 800 555-35-35» → tel:88005553535. */
export function telHref(number: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  return `tel:${digits}`;
}
