import { readFileSync } from 'node:fs';
import { fromProjectRoot } from './project-root.js';

/** The package version, reported by `GET /health` and written into openapi.json. */
export const VERSION: string = (
  JSON.parse(readFileSync(fromProjectRoot('package.json'), 'utf8')) as { version: string }
).version;
