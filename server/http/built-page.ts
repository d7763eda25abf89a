import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { servedFolderContaining } from '../served-folders.js';
import { DEMO_CSP } from '../static.js';

export interface BuiltPageOptions {
  /** Where the page is served, with its slashes: `/operator/`, `/report/`. */
  prefix: `/${string}/`;
  /** The built page (index.html and assets/), written by `npm run build`. */
  dir: string;
  /** Folders served to anyone at other paths (dist/, the demo site): the page must not lie in one. */
  servedDirs: readonly string[];
  /** What the page is, for the start-up error: «The operator console». */
  what: string;
  /** The plain-text answer while the page is not built (Russian, with the command to run). */
  notBuilt: string;
  /** Headers of the page and its files besides the strict CSP (e.g. Cache-Control). */
  headers: Readonly<Record<string, string>>;
}

/**
 * A small app built by Vite into `dir` (the operator console, the public report): GET /x → /x/,
 * the page at /x/ (read on each load, so a rebuild shows without a restart) and its hashed files
 * at /x/assets/*, under the demo pages' strict CSP (external module script and stylesheet only)
 * and `headers`; 503 with `notBuilt` while it is not built. A page folder inside a public static
 * folder would be served a second time without these headers, so that is refused at start.
 * Nothing else under the prefix is claimed: API routes under it match on their own.
 */
export async function registerBuiltPage(app: FastifyInstance, options: BuiltPageOptions): Promise<void> {
  const { prefix, dir, servedDirs, what, notBuilt, headers } = options;
  const served = servedFolderContaining(dir, servedDirs);
  if (served !== undefined) {
    throw new Error(`${what} folder ${dir} is inside the public folder ${served}: build it elsewhere (npm run build writes build${prefix})`);
  }
  const secure = (reply: FastifyReply | { setHeader(name: string, value: string): unknown }): void => {
    const set = (name: string, value: string) => ('header' in reply ? reply.header(name, value) : reply.setHeader(name, value));
    set('Content-Security-Policy', DEMO_CSP);
    for (const [name, value] of Object.entries(headers)) set(name, value);
  };
  const assets = join(dir, 'assets');

  app.get(prefix.slice(0, -1), async (_request, reply) => reply.redirect(prefix, 301));

  app.get(prefix, async (_request, reply) => {
    const page = await readFile(join(dir, 'index.html'), 'utf8').catch(() => undefined);
    secure(reply);
    if (page === undefined) return reply.code(503).type('text/plain; charset=utf-8').send(notBuilt);
    return reply.type('text/html; charset=utf-8').send(page);
  });

  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: `${prefix}assets/`,
      decorateReply: false,
      index: false,
      cacheControl: false,
      setHeaders: (res) => secure(res),
    });
  } else {
    app.get(`${prefix}assets/*`, async (_request, reply) => {
      secure(reply);
      return reply.code(503).type('text/plain; charset=utf-8').send(notBuilt);
    });
  }
}
