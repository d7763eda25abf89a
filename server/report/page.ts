import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { fromProjectRoot } from '../project-root.js';
import { servedFolderContaining } from '../served-folders.js';
import { DEMO_CSP } from '../static.js';

/** Where `npm run build` writes the report's page (report/vite.config.ts). */
export const DEFAULT_REPORT_PAGE_DIR = fromProjectRoot('build/report');

/** Where the page is served; its API is /report/months (routes.ts). */
export const REPORT_PREFIX = '/report/';

const NOT_BUILT = 'Страница отчёта не собрана. Выполните npm run build и обновите страницу.\n';

function secure(reply: FastifyReply | { setHeader(name: string, value: string): unknown }): void {
  const set = (name: string, value: string) => ('header' in reply ? reply.header(name, value) : reply.setHeader(name, value));
  set('Content-Security-Policy', DEMO_CSP);
  set('Cache-Control', 'no-cache');
}

export interface ReportPageOptions {
  /** The built page (index.html and assets/). */
  pageDir: string;
  /** Folders served to anyone at other paths (dist/, the demo site): the page must not lie in one. */
  servedDirs: readonly string[];
}

/**
 * The public report's page built to `pageDir`, served like the operator console
 * (operator/console.ts): GET /report → /report/, the page at /report/, its hashed files at
 * /report/assets/*, under the demo pages' strict CSP (external module script and stylesheet only).
 */
export async function registerReportPage(app: FastifyInstance, { pageDir, servedDirs }: ReportPageOptions): Promise<void> {
  const served = servedFolderContaining(pageDir, servedDirs);
  if (served !== undefined) {
    throw new Error(`The report page folder ${pageDir} is inside the public folder ${served}: build it elsewhere (npm run build writes build/report/)`);
  }
  const assets = join(pageDir, 'assets');

  app.get('/report', async (_request, reply) => reply.redirect(REPORT_PREFIX, 301));

  app.get(REPORT_PREFIX, async (_request, reply) => {
    // Read on each load, so a rebuild shows without a restart.
    const page = await readFile(join(pageDir, 'index.html'), 'utf8').catch(() => undefined);
    secure(reply);
    if (page === undefined) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').send(page);
  });

  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: `${REPORT_PREFIX}assets/`,
      decorateReply: false,
      index: false,
      cacheControl: false,
      setHeaders: (res) => secure(res),
    });
  } else {
    app.get(`${REPORT_PREFIX}assets/*`, async (_request, reply) => {
      secure(reply);
      return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    });
  }
}
