// npm test: every check, in order, then one bare "N passed, N failed" line summed over all runners.
// Steps: type-check, build, size budget, component tests (Chromium), server tests (node:test) on
// SQLite and again on PostgreSQL,
// end-to-end tests (node:test + playwright-core against the real server), Storybook build, and
// a check of every story in Chromium.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const tmp = '.tmp/test';
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

/** Runs a command with live output; resolves with its exit code. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
    child.on('error', () => resolve(1));
  });
}

/** Counts from a node:test TAP file: "# pass N", "# fail N", "# cancelled N", "# skipped N". */
function tapCounts(file) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const n = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? NaN);
  if (Number.isNaN(n('pass'))) return undefined;
  return { passed: n('pass'), failed: n('fail') + (n('cancelled') || 0), skipped: n('skipped') || 0 };
}

function jsonCounts(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const nodeTest = (name, glob, prefix = '') => {
  const tap = join(tmp, `${name.replace(/\W+/g, "-")}.tap`);
  return {
    name,
    command: 'sh',
    args: [
      '-c',
      `${prefix}node --import tsx --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination=${tap} ${glob}`,
    ],
    counts: () => tapCounts(tap),
  };
};

const steps = [
  { name: 'type-check', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'build', command: 'npm', args: ['run', '--silent', 'build'] },
  { name: 'size budget', command: 'node', args: ['scripts/size-budget.mjs'] },
  {
    name: 'component tests',
    command: 'npx',
    args: ['web-test-runner'],
    env: { WTR_RESULTS_FILE: join(tmp, 'wtr.json') },
    counts: () => jsonCounts(join(tmp, 'wtr.json')),
  },
  nodeTest('server tests', 'test/server/*.test.ts'),
  // The same suite with every test's data in PostgreSQL (one throwaway cluster for the run). One
  // after the other: side by side saved 4 minutes on 2 cores but made the timing tests flaky.
  nodeTest('server on PostgreSQL', 'test/server/*.test.ts', 'npx tsx scripts/with-test-postgres.ts '),
  nodeTest('end-to-end tests', 'test/e2e/*.test.ts'),
  { name: 'storybook build', command: 'npm', args: ['run', '--silent', 'build-storybook'] },
  {
    // Every story renders, logs nothing, stays on 127.0.0.1 and passes the a11y addon's axe run.
    name: 'stories',
    command: 'npx',
    args: ['tsx', '.storybook/smoke.ts'],
    env: { SMOKE_RESULTS_FILE: join(tmp, 'stories.json') },
    counts: () => jsonCounts(join(tmp, 'stories.json')),
  },
];

/** Runs one step; its result with counts. */
async function runStep(step) {
  const started = Date.now();
  const code = await run(step.command, step.args, step.env);
  let counts = step.counts?.();
  if (!counts) counts = code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
  // A runner that exits non-zero with no failing test (e.g. it crashed) still counts as a failure.
  if (code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 };
  return { name: step.name, code, seconds: Math.round((Date.now() - started) / 1000), ...counts };
}

const results = [];
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  results.push(await runStep(step));
}

console.log('\n━━ summary ━━');
for (const r of results) {
  console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name.padEnd(22)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (${r.seconds}s)`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
