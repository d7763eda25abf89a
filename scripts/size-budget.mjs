// The size budgets of size-budgets.json, per loading step, from the build's manifest
// (dist/widget/.vite/manifest.json): each step counts every file it fetches, gzip -9, shared
// chunks counted once, with the first step that needs them. `--markdown` prints the README table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const WIDGET = 'dist/widget';
const LAUNCHER = 'dist/gov-support-widget.js';
const { steps } = JSON.parse(readFileSync('size-budgets.json', 'utf8'));
const manifest = JSON.parse(readFileSync(join(WIDGET, '.vite/manifest.json'), 'utf8'));

const gzipOf = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

/** The files an entry brings with its static imports (what one import() of it fetches). */
function filesOf(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in ${WIDGET}/.vite/manifest.json`);
  if (seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) filesOf(imported, seen);
  return seen;
}

const fetched = new Map();
const rows = [];
for (const { step, what, entry, with: extra = [], after = [], budget, ceiling } of steps) {
  let files;
  if (step === 'launcher') files = [LAUNCHER];
  else if (step === 'total') files = [LAUNCHER, ...readdirSync(WIDGET).filter((f) => f.endsWith('.js')).map((f) => join(WIDGET, f))];
  else {
    const before = new Set(after.flatMap((name) => [...(fetched.get(name) ?? [])]));
    const all = [entry, ...extra].flatMap((key) => [...filesOf(key)]).map((f) => join(WIDGET, f));
    fetched.set(step, new Set([...before, ...all]));
    files = all.filter((f) => !before.has(f));
  }
  const size = files.reduce((sum, f) => sum + gzipOf(f), 0);
  rows.push({ step, what, files: files.length, size, budget, ceiling, ok: size <= (ceiling ?? budget), onTarget: size <= budget });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
if (process.argv.includes('--markdown')) {
  console.log('| step | what it fetches | files | gzip -9 | budget (target) | checked limit |\n|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.step} | ${r.what} | ${r.files} | ${kb(r.size)} (${r.size} B) | ${kb(r.budget)} | ${r.ceiling ? `${kb(r.ceiling)} until the target is met` : 'the target'} |`);
} else {
  for (const r of rows) {
    const mark = !r.ok ? 'OVER' : r.onTarget ? 'ok  ' : 'open';
    const limit = r.ceiling ? `target ${kb(r.budget)}, ceiling ${kb(r.ceiling)}` : `budget ${kb(r.budget)}`;
    console.log(`${mark} ${r.step.padEnd(9)} ${String(r.files).padStart(2)} files ${kb(r.size).padStart(8)}  ${limit}  ${r.what}`);
  }
  const open = rows.filter((r) => r.ok && !r.onTarget);
  if (open.length > 0) console.log(`Over target, within the ceiling: ${open.map((r) => `${r.step} by ${kb(r.size - r.budget)}`).join(', ')} (issue 13)`);
}
const over = rows.filter((r) => !r.ok);
if (over.length > 0) {
  console.error(`Size budget exceeded: ${over.map((r) => `${r.step} by ${kb(r.size - r.budget)}`).join(', ')}`);
  process.exit(1);
}
