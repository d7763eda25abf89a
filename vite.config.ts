import { readFileSync } from 'node:fs';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig, type UserConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/**
 * The builds of `npm run build` (scripts/build.mjs runs them in this order):
 * - `--mode panel`: dist/widget/, the files the launcher fetches: `panel-[hash].js` (the shell,
 *   first sign of intent), one file per channel (request, status, callback, offices, the map)
 *   and shared chunks, all ES modules with content hashes, plus .vite/manifest.json;
 * - `--mode launcher`: dist/gov-support-widget.js, the file the script tag names: the launcher
 *   (no framework), a classic script that knows the panel's hashed name from the manifest;
 * - `--mode bundle`: dist/gov-support-widget.bundle.js, everything in one classic script
 *   (no further requests) for sites that cannot host a folder;
 * - `--mode esm`: dist/esm/*.js for bundler apps, dependencies left to the app's bundler.
 */

/** Where the launcher finds the panel, relative to its own URL. */
export const WIDGET_DIR = 'widget';
const MANIFEST = `dist/${WIDGET_DIR}/.vite/manifest.json`;

/** The panel's file name as the panel build wrote it (`widget/panel-abc123.js`). */
function panelFile(): string {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, { file: string; isEntry?: boolean }>;
  const entry = manifest['src/panel/index.ts'];
  if (!entry) throw new Error(`${MANIFEST} has no entry for src/panel/index.ts: run the panel build first`);
  return `${WIDGET_DIR}/${entry.file}`;
}

// Whitespace and comments out of Lit's html`` and css`` templates.
// conservativeCollapse keeps one space where text meets a tag («Номер (необязательно)»).
const templates = {
  ...minifyLiterals({ include: ['src/**/*.ts'], exclude: ['src/styles/tokens.ts'], options: { minifyOptions: { conservativeCollapse: true } } }),
  enforce: 'pre' as const,
};

const classicScript = (entry: string, fileName: string, define: Record<string, string> = {}): UserConfig => ({
  plugins: [templates],
  define,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    lib: { entry, name: 'GovSupportWidget', formats: ['iife'], fileName: () => fileName },
    rolldownOptions: { output: { minify: true, codeSplitting: false } },
  },
});

export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'panel') {
    return {
      plugins: [templates],
      // Chunks are found relative to the module that imports them, wherever the folder is served.
      base: './',
      publicDir: false,
      build: {
        target: 'es2022',
        outDir: `dist/${WIDGET_DIR}`,
        emptyOutDir: true,
        sourcemap: true,
        minify: true,
        manifest: true,
        // No preload helper: a channel's file brings its shared chunks by its own imports.
        modulePreload: false,
        rolldownOptions: {
          input: { panel: 'src/panel/index.ts' },
          preserveEntrySignatures: 'exports-only',
          output: {
            format: 'es',
            entryFileNames: '[name]-[hash].js',
            chunkFileNames: '[name]-[hash].js',
            minify: true,
            // Everything the panel imports statically travels in one file with it: a channel or the
            // help search that shares some of it finds it loaded already, and the panel is not cut
            // into a dozen small files (each a request and a gzip of its own).
            codeSplitting: { groups: [{ name: 'shell', tags: ['$initial'] }] },
          },
        },
      },
    };
  }
  if (mode === 'launcher') {
    return classicScript('src/launcher/script-tag.ts', 'gov-support-widget.js', { __GS_PANEL_FILE__: JSON.stringify(panelFile()) });
  }
  if (mode === 'bundle') return classicScript('src/embed.ts', 'gov-support-widget.bundle.js');
  return {
    plugins: [templates],
    build: {
      target: 'es2022',
      outDir: 'dist/esm',
      emptyOutDir: false,
      sourcemap: true,
      minify: true,
      lib: {
        entry: {
          index: 'src/index.ts',
          embed: 'src/embed.ts',
          launcher: 'src/launcher/index.ts',
          protocol: 'src/protocol/index.ts',
          panel: 'src/panel/index.ts',
          request: 'src/entries/request.ts',
          status: 'src/entries/status.ts',
          callback: 'src/entries/callback.ts',
          offices: 'src/entries/offices.ts',
          chat: 'src/entries/chat.ts',
        },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: (id: string) => Object.keys(pkg.dependencies).some((dep) => id === dep || id.startsWith(`${dep}/`)),
        output: { minify: true },
      },
    },
  };
});
