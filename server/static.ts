import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './http/errors.js';

/** URL prefix of the built widget (dist/gov-support-widget.js, dist/openapi.json, …). */
export const DIST_PREFIX = '/dist/';

/** The panel's and channels' files: `widget/request-Ab12Cd34.js` (the hash changes with the content). */
const HASHED_FILE = /[/\\]widget[/\\][\w.-]+-[\w-]{8}\.js(\.map)?$/;

/**
 * The demo pages' policy: nothing but this origin, no inline script or style.
 * The widget must work under it, so the demo proves it does.
 */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data:",
  "font-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export interface StaticOptions {
  /** The built widget, served at /dist/. */
  distDir: string;
  /** The demo host pages, served at /. */
  siteDir: string;
}

/** Serves the built widget at /dist/ (loadable from any origin) and the demo site at /. */
export async function registerStatic(app: FastifyInstance, { distDir, siteDir }: StaticOptions): Promise<void> {
  if (existsSync(distDir)) {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: DIST_PREFIX,
      // Served to pages of other origins (module files with CORS, see app.ts). The launcher and
      // other fixed names are revalidated on every load, so a deploy shows at once; the files of
      // dist/widget/ carry a content hash in their names and never change: cached for a year.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', HASHED_FILE.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      },
    });
  } else {
    app.log.warn(`The widget is not built (${distDir} does not exist): run npm run build`);
    app.get(`${DIST_PREFIX}*`, async () => {
      throw new HttpError(404, 'not_found', 'Виджет не собран. Выполните npm run build и перезапустите сервер.');
    });
  }

  await app.register(fastifyStatic, {
    root: siteDir,
    prefix: '/',
    decorateReply: false,
    redirect: true,
    cacheControl: false,
    setHeaders: (res) => {
      res.setHeader('Content-Security-Policy', DEMO_CSP);
      res.setHeader('Cache-Control', 'no-cache');
    },
  });
}
