import type { FastifyInstance } from 'fastify';
import { registerBuiltPage } from '../http/built-page.js';
import { fromProjectRoot } from '../project-root.js';

/** Where `npm run build` writes the report's page (report/vite.config.ts). */
export const DEFAULT_REPORT_PAGE_DIR = fromProjectRoot('build/report');

/** Where the page is served; its API is /report/months (routes.ts). */
export const REPORT_PREFIX = '/report/';

export interface ReportPageOptions {
  /** The built page (index.html and assets/). */
  pageDir: string;
  /** Folders served to anyone at other paths (dist/, the demo site): the page must not lie in one. */
  servedDirs: readonly string[];
}

/**
 * The public report's page built to `pageDir`, served like the operator console
 * (http/built-page.ts): GET /report → /report/, the page at /report/, its hashed files at
 * /report/assets/*, under the demo pages' strict CSP (external module script and stylesheet only).
 */
export function registerReportPage(app: FastifyInstance, { pageDir, servedDirs }: ReportPageOptions): Promise<void> {
  return registerBuiltPage(app, {
    prefix: REPORT_PREFIX,
    dir: pageDir,
    servedDirs,
    what: 'The report page',
    notBuilt: 'Страница отчёта не собрана. Выполните npm run build и обновите страницу.\n',
    headers: { 'Cache-Control': 'no-cache' },
  });
}
