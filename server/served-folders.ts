import { isAbsolute, relative, resolve } from 'node:path';

/**
 * The folder of `servedDirs` (served to anyone as static files) that `dir` is, or lies inside;
 * undefined when none. Private folders (uploads, the operator console) must never be one.
 */
export function servedFolderContaining(dir: string, servedDirs: readonly string[]): string | undefined {
  const absolute = resolve(dir);
  return servedDirs.map((served) => resolve(served)).find((served) => {
    const rel = relative(served, absolute);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}
