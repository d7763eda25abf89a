import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/**
 * Two library builds:
 * - `--mode iife`: dist/gov-support-widget.js, the one self-contained script for a <script> tag
 *   (every dependency inside, no other file requested);
 * - `--mode esm`: dist/esm/*.js for bundler apps, dependencies left to the app's bundler.
 */
export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    // Whitespace and comments out of Lit's html`` and css`` templates (the bundle budget).
    // conservativeCollapse keeps one space where text meets a tag («Номер (необязательно)»).
    plugins: [
      {
        ...minifyLiterals({
          include: ['src/**/*.ts'],
          exclude: ['src/styles/tokens.ts'],
          options: { minifyOptions: { conservativeCollapse: true } },
        }),
        enforce: 'pre' as const,
      },
    ],
    build: {
      target: 'es2022',
      outDir: iife ? 'dist' : 'dist/esm',
      emptyOutDir: false,
      sourcemap: true,
      minify: true,
      lib: iife
        ? { entry: 'src/embed.ts', name: 'GovSupportWidget', formats: ['iife'], fileName: () => 'gov-support-widget.js' }
        : {
            entry: { index: 'src/index.ts', embed: 'src/embed.ts', protocol: 'src/protocol/index.ts' },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
      rolldownOptions: {
        external: iife ? [] : (id: string) => Object.keys(pkg.dependencies).some((dep) => id === dep || id.startsWith(`${dep}/`)),
        output: { minify: true },
      },
    },
  };
});
