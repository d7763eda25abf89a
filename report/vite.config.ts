import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The public report's page (report/): a small Lit app, not part of the published widget.
 * Built to build/report/ with hashed assets under /report/assets/, served by the backend at
 * /report/ when PUBLIC_REPORT=1 (server/report/page.ts), under the demo pages' strict CSP
 * (external module script and stylesheet only).
 */
const pageDir = fileURLToPath(new URL('./', import.meta.url));

export default defineConfig({
  plugins: [
    {
      // package.json's "sideEffects" lists only the widget's entries; the page's modules define
      // their custom elements when imported, so they must not be dropped as unused.
      name: 'public-report-side-effects',
      transform(code: string, id: string) {
        return id.startsWith(pageDir) ? { code, map: null, moduleSideEffects: true } : undefined;
      },
    },
  ],
  root: pageDir,
  base: '/report/',
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../build/report/', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    // No inline polyfill script or data: URLs in the page: the CSP allows neither.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
