// The reference backend compiled for production: server/main.ts and what it imports from the
// project (the contract under src/ through the #protocol/#time/#i18n aliases) in one ES module,
// build/server/main.js, with a source map; packages stay in node_modules (better-sqlite3 is native).
// `npm start` runs it with plain node; `npm run dev:server` keeps tsx for development.
import { build } from 'esbuild';

await build({
  // main.js, and the SQLite-to-PostgreSQL copy (docs/deployment.md).
  entryPoints: ['server/main.ts', 'server/copy-to-postgres.ts'],
  outdir: 'build/server',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
});
