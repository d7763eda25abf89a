import type { FastifyInstance } from 'fastify';
import { registerBuiltPage } from '../http/built-page.js';
import { fromProjectRoot } from '../project-root.js';

/**
 * Where `npm run build` writes the console (operator/vite.config.ts): outside dist/, which is
 * served to any site without the console's protection.
 */
export const DEFAULT_CONSOLE_DIR = fromProjectRoot('build/operator');

/** Where the console is served; its API lives under /operator/api/ (routes of their own). */
export const OPERATOR_PREFIX = '/operator/';

export interface OperatorConsoleOptions {
  /** The built console (index.html and assets/). */
  consoleDir: string;
  /** Folders served to anyone (dist/, the demo site): the console must not lie in one. */
  servedDirs: readonly string[];
}

/**
 * The operator console built to `consoleDir`: GET /operator → /operator/, the page at
 * /operator/ and its hashed files at /operator/assets/*, under the demo pages' strict CSP,
 * `X-Frame-Options` and no CORS (http/built-page.ts). A console folder inside a public static
 * folder is refused at start. Nothing else under /operator/ is claimed, so the API's
 * /operator/api/* routes match on their own.
 */
export function registerOperatorConsole(app: FastifyInstance, { consoleDir, servedDirs }: OperatorConsoleOptions): Promise<void> {
  return registerBuiltPage(app, {
    prefix: OPERATOR_PREFIX,
    dir: consoleDir,
    servedDirs,
    what: 'The operator console',
    notBuilt: 'Консоль оператора не собрана. Выполните npm run build и обновите страницу.\n',
    // The console shows personal data: never cached by shared caches, revalidated on every load.
    headers: { 'Cache-Control': 'no-cache, private', 'X-Frame-Options': 'SAMEORIGIN' },
  });
}
