// The backend's layout (docs/backend.md, «Layout»): one folder per feature; a feature imports
// another only through that feature's index.ts; shared pieces import no feature; the contract
// comes in through the #protocol, #time and #i18n aliases, never by a path out of server/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';

const SERVER = fileURLToPath(new URL('../../server/', import.meta.url));

/** Folders of shared pieces: any file may import them; they import no feature. */
const SHARED_FOLDERS = new Set(['http', 'scheduling', 'notify', 'database']);
/** Top-level files that are shared pieces too (the others, app.ts first, put the features together). */
const SHARED_FILES = new Set(['time.ts']);

/** Every .ts file under server/, by its path there (`callbacks/routes.ts`), with its text. */
function serverFiles(dir = SERVER, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = prefix + entry.name;
    if (entry.isDirectory()) for (const [p, text] of serverFiles(join(dir, entry.name), `${path}/`)) files.set(p, text);
    else if (entry.name.endsWith('.ts')) files.set(path, readFileSync(join(dir, entry.name), 'utf8'));
  }
  return files;
}

/** The specifiers of a module's static and dynamic imports and re-exports. */
function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:^|[\s;}])(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g)) {
    found.push((match[1] ?? match[2])!);
  }
  return found;
}

/** The feature folder of a path inside server/ (`callbacks/routes.ts` → `callbacks`), or undefined. */
function featureOf(path: string): string | undefined {
  const slash = path.indexOf('/');
  if (slash < 0) return undefined;
  const folder = path.slice(0, slash);
  return SHARED_FOLDERS.has(folder) ? undefined : folder;
}

/** Every breach of the layout's rules among `files` (paths inside server/ → their text). */
function layoutViolations(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [path, source] of files) {
    const from = featureOf(path);
    const shared = from === undefined && (SHARED_FILES.has(path) || SHARED_FOLDERS.has(path.split('/')[0]!) && path.includes('/'));
    for (const specifier of importSpecifiers(source)) {
      if (!specifier.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(path), specifier));
      if (target.startsWith('../')) {
        problems.push(`${path} imports ${specifier}: outside server/ (the contract comes through #protocol/*, #time/*, #i18n/*)`);
        continue;
      }
      const to = featureOf(target);
      if (to === undefined || to === from) continue;
      if (shared) problems.push(`${path} imports ${specifier}: a shared piece imports no feature`);
      else if (from !== undefined && target !== `${to}/index.js`) problems.push(`${path} imports ${specifier}: another feature only through ${to}/index.ts`);
    }
  }
  return problems;
}

describe('the layout of server/', () => {
  const files = serverFiles();

  test('a feature imports another only through its index.ts; shared pieces import no feature; nothing reaches out of server/', () => {
    assert.deepEqual(layoutViolations(files), []);
  });

  test('each index.ts a feature is imported through exists', () => {
    for (const [path, source] of files) {
      for (const specifier of importSpecifiers(source)) {
        if (!specifier.endsWith('/index.js')) continue;
        const target = posix.normalize(posix.join(posix.dirname(path), specifier)).replace(/\.js$/, '.ts');
        assert.ok(files.has(target), `${path} imports ${specifier}, which does not exist`);
      }
    }
  });

  test('the rules catch what they forbid', () => {
    const breaches = new Map(files);
    breaches.set('offices/example.ts', "import { createCallbackCalendar } from '../callbacks/calendar.js';\nexport * from '../status/lookup.js';\n");
    breaches.set('http/example.ts', "import type { OperatorAuth } from '../operator/index.js';\n");
    breaches.set('time.ts', `${files.get('time.ts')}\nconst late = await import('./chat/service.js');\n`);
    breaches.set('chat/example.ts', "import { WEEKDAYS } from '../../src/protocol/config.js';\n");
    assert.deepEqual(layoutViolations(breaches), [
      'time.ts imports ./chat/service.js: a shared piece imports no feature',
      'offices/example.ts imports ../callbacks/calendar.js: another feature only through callbacks/index.ts',
      'offices/example.ts imports ../status/lookup.js: another feature only through status/index.ts',
      'http/example.ts imports ../operator/index.js: a shared piece imports no feature',
      'chat/example.ts imports ../../src/protocol/config.js: outside server/ (the contract comes through #protocol/*, #time/*, #i18n/*)',
    ]);
    // Through the index, and within a feature, is fine.
    assert.deepEqual(layoutViolations(new Map([['offices/fine.ts', "import type { OperatorAuth } from '../operator/index.js';\nimport { x } from './store.js';\n"]])), []);
  });
});
