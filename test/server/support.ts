import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildApp, type BackendApp, type BuildAppOptions } from '../../demo/server/app.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SITE_DIR = join(ROOT, 'demo/site');
export const DEMO_CONFIG = join(ROOT, 'demo/server/widget-config.json');
export const FAKE_WIDGET = '/* fake widget for tests */ window.GovSupport = { configure() {} };\n';

/** A fresh folder in the OS temp dir, removed (after `cleanup`) when the test ends. */
export function tempDir(t: TestContext, cleanup?: () => unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'gov-support-test-'));
  t.after(async () => {
    await cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

export interface TestBackend extends BackendApp {
  /** The test's temp dir: db.sqlite and a fake dist/ with gov-support-widget.js. */
  dir: string;
  distDir: string;
}

/** buildApp on a temp DB and a fake dist/, with the demo site and demo config; closed after the test. */
export async function startBackend(t: TestContext, overrides: Partial<BuildAppOptions> = {}): Promise<TestBackend> {
  let backend: BackendApp | undefined;
  const dir = tempDir(t, () => backend?.close());
  const distDir = join(dir, 'dist');
  mkdirSync(distDir);
  writeFileSync(join(distDir, 'gov-support-widget.js'), FAKE_WIDGET);
  backend = await buildApp({
    dbPath: join(dir, 'db.sqlite'),
    configPath: DEMO_CONFIG,
    corsOrigins: [],
    distDir,
    siteDir: SITE_DIR,
    ...overrides,
  });
  return { ...backend, dir, distDir };
}

/** Contains a Cyrillic letter: the message is in Russian, not zod's English default. */
export const RUSSIAN = /[А-Яа-яЁё]/;
