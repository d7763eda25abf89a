// npm run size:what-if -- src/callback.ts [more entries]: what the script-tag bundle would weigh
// with these modules inside (built like dist/gov-support-widget.js, into a temporary folder).
// A measurement for budget decisions; it never fails and never touches dist/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGET = 50 * 1024;
const extra = process.argv.slice(2);
if (!extra.length) {
  console.error('usage: npm run size:what-if -- src/callback.ts [src/other.ts …]');
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), 'gs-size-'));
// Inside src/ so that the build treats it like the real entry (side effects, literal minifier).
const entry = resolve('src/.what-if.tmp.ts');
writeFileSync(entry, [`import './embed.js';`, ...extra.map((e) => `import '${resolve(e)}';`)].join('\n') + '\n');
try {
  const measure = async (input) => {
    await build({
      mode: 'iife',
      logLevel: 'error',
      build: { outDir: out, emptyOutDir: true, sourcemap: false, lib: { entry: input, name: 'GovSupportWidget', formats: ['iife'], fileName: () => 'bundle.js' } },
    });
    const raw = readFileSync(join(out, 'bundle.js'));
    return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  };
  const base = await measure(resolve('src/embed.ts'));
  const withExtra = await measure(entry);
  const line = (name, m) => `${name}: ${m.raw} B raw, ${m.gzip} B gzip -9 (budget ${BUDGET} B: ${m.gzip <= BUDGET ? `${BUDGET - m.gzip} B left` : `${m.gzip - BUDGET} B over`})`;
  console.log(line('main script as built', base));
  console.log(line(`with ${extra.join(', ')}`, withExtra));
  console.log(`difference: +${withExtra.raw - base.raw} B raw, +${withExtra.gzip - base.gzip} B gzip -9`);
} finally {
  rmSync(entry, { force: true });
  rmSync(out, { recursive: true, force: true });
}
