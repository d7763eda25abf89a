import { readFileSync } from 'node:fs';

/** The package version, reported by `GET /health` and written into openapi.json. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
