import { readFileSync } from 'node:fs';

/**
 * A JSON file of the server's configuration (widget config, callback and office settings, the
 * offices dataset): its parsed content and its path as messages name it. A missing or broken
 * file stops the start with `Cannot read <what> <path>: <reason>`.
 */
export function readJsonFile(path: string | URL, what: string): { raw: unknown; where: string } {
  const where = path instanceof URL ? path.pathname : path;
  try {
    return { raw: JSON.parse(readFileSync(path, 'utf8')), where };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot read ${what} ${where}: ${reason}`, { cause: error });
  }
}
