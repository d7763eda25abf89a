import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { servedFolderContaining } from '../served-folders.js';
import { DEMO_CSP } from '../static.js';
import { fromProjectRoot } from '../project-root.js';

/**
 * Where `npm run build` writes the console (operator/vite.config.ts): outside dist/, which is
 * served to any site without the console's protection.
 */
export const DEFAULT_CONSOLE_DIR = fromProjectRoot('build/operator');

/** Where the console is served; its API lives under /operator/api/ (routes of their own). */
export const OPERATOR_PREFIX = '/operator/';

const NOT_BUILT = 'Консоль оператора не собрана. Выполните npm run build и обновите страницу.\n';

function secure(reply: FastifyReply | { setHeader(name: string, value: string): unknown }): void {
  const set = (name: string, value: string) => ('header' in reply ? reply.header(name, value) : reply.setHeader(name, value));
  set('Content-Security-Policy', DEMO_CSP);
  // The console shows personal data: never cached by shared caches, revalidated on every load.
  set('Cache-Control', 'no-cache, private');
  set('X-Frame-Options', 'SAMEORIGIN');
}

export interface OperatorConsoleOptions {
  /** The built console (index.html and assets/). */
  consoleDir: string;
  /** Folders served to anyone (dist/, the demo site): the console must not lie in one. */
  servedDirs: readonly string[];
}

/**
 * The operator console built to `consoleDir`: GET /operator → /operator/, the page at
 * /operator/ and its hashed files at /operator/assets/*, under the demo pages' strict CSP,
 * `X-Frame-Options` and no CORS. It is served there only: a console folder inside a public
 * static folder would serve a second, unprotected copy, so that is refused at start.
 * Nothing else under /operator/ is claimed, so the API's /operator/api/* routes match on their own.
 */
export async function registerOperatorConsole(app: FastifyInstance, { consoleDir, servedDirs }: OperatorConsoleOptions): Promise<void> {
  const served = servedFolderContaining(consoleDir, servedDirs);
  if (served !== undefined) {
    throw new Error(`The operator console folder ${consoleDir} is inside the public folder ${served}: build it elsewhere (npm run build writes build/operator/)`);
  }
  const root = consoleDir;
  const assets = join(root, 'assets');

  app.get('/operator', async (_request, reply) => reply.redirect(OPERATOR_PREFIX, 301));

  app.get(OPERATOR_PREFIX, async (_request, reply) => {
    // Read on each load, so a rebuild shows without a restart.
    const page = await readFile(join(root, 'index.html'), 'utf8').catch(() => undefined);
    secure(reply);
    if (page === undefined) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').send(page);
  });

  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: `${OPERATOR_PREFIX}assets/`,
      decorateReply: false,
      index: false,
      cacheControl: false,
      setHeaders: (res) => secure(res),
    });
  } else {
    app.get(`${OPERATOR_PREFIX}assets/*`, async (_request, reply) => {
      secure(reply);
      return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    });
  }
}
