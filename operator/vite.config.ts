import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The operator console (operator/): a small Lit app, not part of the published widget.
 * Built to build/operator/ (outside dist/, which any site may load) with hashed assets under
 * /operator/assets/, served by the demo server only
 * at /operator/ under the demo pages' strict CSP (external module script and stylesheet only).
 */
const consoleDir = fileURLToPath(new URL('./', import.meta.url));

export default defineConfig({
  plugins: [
    {
      // package.json's "sideEffects" lists only the widget's entries; the console's modules
      // define their custom elements when imported, so they must not be dropped as unused.
      name: 'operator-console-side-effects',
      transform(code: string, id: string) {
        return id.startsWith(consoleDir) ? { code, map: null, moduleSideEffects: true } : undefined;
      },
    },
  ],
  root: consoleDir,
  base: '/operator/',
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../build/operator/', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    // No inline polyfill script or data: URLs in the page: the CSP allows neither.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
