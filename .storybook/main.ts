import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * The Custom Elements Manifest the stories document their args from.
 *
 * It is generated from src/ each time Storybook starts (about 1.5 s), with the project's own
 * custom-elements-manifest.config.mjs, into node_modules/.cache (never into dist/), so
 * `build-storybook` works from a fresh clone before `npm run build` and is never stale. Should
 * the analyzer fail, dist/custom-elements.json is used if present, else an empty manifest (the
 * stories still render, only the args tables are thinner).
 */
function customElementsManifest(): string {
  const outdir = join(root, 'node_modules', '.cache', 'gov-support-widget-storybook');
  const generated = join(outdir, 'custom-elements.json');
  try {
    const cli = require.resolve('@custom-elements-manifest/analyzer/cem.js');
    execFileSync(
      process.execPath,
      // The analyzer joins --outdir to the working directory: it must be relative.
      [cli, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, outdir), '--quiet'],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
    );
    if (existsSync(generated)) return generated;
  } catch (error) {
    console.warn(`[storybook] custom-elements manifest not generated (${(error as Error).message.split('\n')[0]})`);
  }
  const built = join(root, 'dist', 'custom-elements.json');
  if (existsSync(built)) return built;
  mkdirSync(outdir, { recursive: true });
  writeFileSync(generated, JSON.stringify({ schemaVersion: '1.0.0', modules: [] }));
  return generated;
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y'],
  core: {
    // No network here, and nothing is ever sent anywhere from this project.
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    disableProjectJson: true,
  },
  async viteFinal(viteConfig) {
    const manifest = customElementsManifest();
    return {
      ...viteConfig,
      // `build-storybook --quiet` stays quiet: no per-chunk size listing, only warnings.
      logLevel: 'warn',
      resolve: {
        ...viteConfig.resolve,
        alias: [
          ...normalizeAliases(viteConfig.resolve?.alias),
          // preview.ts imports this name; it resolves to the manifest chosen above.
          { find: 'virtual:gs-custom-elements.json', replacement: manifest },
        ],
      },
      // Lit's decorators are TypeScript's legacy ones (experimentalDecorators and
      // useDefineForClassFields: false in tsconfig.json). Vite's transform reads those from the
      // nearest tsconfig.json (the root one, which includes stories/ and .storybook/); say it
      // here too so that the stories never depend on that lookup.
      oxc: {
        ...(typeof viteConfig.oxc === 'object' ? viteConfig.oxc : {}),
        decorator: { legacy: true },
        typescript: { ...(typeof viteConfig.oxc === 'object' ? viteConfig.oxc.typescript : {}), removeClassFieldsWithoutInitializer: true },
        assumptions: { setPublicClassFields: true },
      },
      build: { ...viteConfig.build, chunkSizeWarningLimit: 2048 },
      // `storybook dev`: the renderer imports lit/directive-helpers.js, which is not pre-bundled
      // otherwise, and would load a second copy of lit-html next to the pre-bundled one.
      optimizeDeps: {
        ...viteConfig.optimizeDeps,
        include: [...(viteConfig.optimizeDeps?.include ?? []), 'lit', 'lit/directive-helpers.js', 'lit/decorators.js', '@lit/context'],
      },
    };
  },
};

type Alias = { find: string | RegExp; replacement: string };
function normalizeAliases(alias: unknown): Alias[] {
  if (!alias) return [];
  if (Array.isArray(alias)) return alias as Alias[];
  return Object.entries(alias as Record<string, string>).map(([find, replacement]) => ({ find, replacement }));
}

export default config;
