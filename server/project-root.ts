import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (the one with this package's package.json), found by walking up from this
 * module: the same answer whether the server runs from its TypeScript sources (`server/`) or
 * compiled into one file (`build/server/`). Default file paths (demo data, the built
 * widget and console) are taken from it.
 */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'gov-support-widget') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('The server cannot find its project folder (a package.json named gov-support-widget above it)');
    dir = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot();

/** A path inside the project folder. */
export const fromProjectRoot = (path: string): string => resolve(PROJECT_ROOT, path);
