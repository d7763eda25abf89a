import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import MagicString from 'magic-string';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/**
 * Three library builds:
 * - `--mode iife`: dist/gov-support-widget.js, the one self-contained script for a <script> tag
 *   (every dependency inside, no other file requested);
 * - `--mode esm`: dist/esm/*.js for bundler apps, dependencies left to the app's bundler;
 * - `--mode map`: dist/gov-support-widget-map.js, the office map (src/office-map.ts, no Lit) as a
 *   second self-contained script that the main one loads only when the citizen opens the map.
 */
/**
 * The minifier above cannot parse tokens.ts (a css`` fragment of bare declarations), so its
 * templates get a plain whitespace and comment squeeze here.
 */
const squeezeTokens = {
  name: 'squeeze-tokens',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (!id.endsWith('src/styles/tokens.ts')) return undefined;
    const out = new MagicString(code);
    for (const m of code.matchAll(/css`([^`]*)`/g)) {
      const squeezed = m[1]!
        .replace(/\/\*[^]*?\*\//g, '')
        .replace(/\s*([{};,])\s*/g, '$1')
        .replace(/:\s+/g, ':')
        .trim();
      out.overwrite(m.index, m.index + m[0].length, `css\`${squeezed}\``);
    }
    return { code: out.toString(), map: out.generateMap({ hires: true, source: id }) };
  },
};

export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  const map = mode === 'map';
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
      squeezeTokens,
    ],
    build: {
      target: 'es2022',
      outDir: iife || map ? 'dist' : 'dist/esm',
      emptyOutDir: false,
      sourcemap: true,
      minify: true,
      lib: map
        ? { entry: 'src/office-map.ts', name: 'GovSupportOfficeMap', formats: ['iife'], fileName: () => 'gov-support-widget-map.js' }
        : iife
        ? { entry: 'src/embed.ts', name: 'GovSupportWidget', formats: ['iife'], fileName: () => 'gov-support-widget.js' }
        : {
            entry: { index: 'src/index.ts', embed: 'src/embed.ts', protocol: 'src/protocol/index.ts', callback: 'src/callback.ts', offices: 'src/offices.ts' },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
      rolldownOptions: {
        external: iife || map ? [] : (id: string) => Object.keys(pkg.dependencies).some((dep) => id === dep || id.startsWith(`${dep}/`)),
        output: { minify: true },
      },
    },
  };
});
