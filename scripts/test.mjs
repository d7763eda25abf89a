// npm test: every check, in order, then one bare "N passed, N failed" line summed over all runners.
// Steps: type-check, build, size budget, component tests (Chromium), server tests (node:test) on
// SQLite and again on PostgreSQL,
// end-to-end tests (node:test + playwright-core against the real server), Storybook build, and
// a check of every story in Chromium. The type-check and both builds run first, side by side
// (SIDE_BY_SIDE); every test step runs alone.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const tmp = '.tmp/test';
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

/**
 * Runs a command; resolves with its exit code. Its output is live, or with `buffered` kept and
 * handed back (steps running side by side print theirs whole, one after the other).
 */
function run(command, args, env = {}, buffered = false) {
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(command, args, { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } });
    if (buffered) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => chunks.push(chunk));
    const output = () => Buffer.concat(chunks).toString('utf8');
    child.on('exit', (code, signal) => {
      const result = { code: signal ? 1 : (code ?? 1) };
      if (!buffered) return resolve(result);
      // The rest of its output: once its pipes close (at most 5 s more, should a process it
      // started keep them open).
      const done = () => resolve({ ...result, output: output() });
      child.once('close', done);
      setTimeout(done, 5000).unref();
    });
    child.on('error', (error) => resolve({ code: 1, output: `${output()}${error.message}\n` }));
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

/** Runs one step; its result with counts (and, buffered, its output). */
async function runStep(step, buffered = false) {
  const started = Date.now();
  const { code, output } = await run(step.command, step.args, step.env, buffered);
  let counts = step.counts?.();
  if (!counts) counts = code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
  // A runner that exits non-zero with no failing test (e.g. it crashed) still counts as a failure.
  if (code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 };
  return { name: step.name, code, seconds: Math.round((Date.now() - started) / 1000), output, ...counts };
}

/**
 * Run first, side by side: they check or build and run no test (no timing for them to disturb),
 * and none reads what another writes (tsc --noEmit writes nothing; the build writes dist/ and
 * build/, the Storybook build storybook-static/). Each prints its output whole when it ends. The
 * test steps then run one after the other, as before, each alone on the machine.
 */
const SIDE_BY_SIDE = new Set(['type-check', 'build', 'storybook build']);

/**
 * Opt-in, TEST_SERVER_SIDE_BY_SIDE=1: the server suites on SQLite and on PostgreSQL at once
 * (about 4 minutes less on 2 cores). Off by default: their timing tests (slow-clients, uploads,
 * realtime-cluster, chat-presence, busy-database…) keep real time and have been seen to fail when
 * the machine is short of CPU. One run side by side passed whole here (540 and 539, 2026-12-03).
 */
const SERVER_SUITES = process.env.TEST_SERVER_SIDE_BY_SIDE === '1' ? new Set(['server tests', 'server on PostgreSQL']) : new Set();

const results = new Map();
/** Runs `group` at once, each step's output printed whole when it ends. */
async function sideBySide(group) {
  await Promise.all(
    group.map(async (step) => {
      const result = await runStep(step, true);
      const others = group.filter((other) => other !== step).map((other) => other.name);
      console.log(`\n━━ ${step.name} ━━ (side by side with ${others.join(', ')}; ${result.seconds}s)`);
      process.stdout.write(result.output);
      results.set(step, result);
    }),
  );
}
await sideBySide(steps.filter((step) => SIDE_BY_SIDE.has(step.name)));
for (const step of steps) {
  if (results.has(step)) continue;
  if (SERVER_SUITES.has(step.name)) {
    await sideBySide(steps.filter((other) => SERVER_SUITES.has(other.name)));
    continue;
  }
  console.log(`\n━━ ${step.name} ━━`);
  results.set(step, await runStep(step));
}

console.log('\n━━ summary ━━');
// In the order of `steps`, whichever ran first.
for (const r of steps.map((step) => results.get(step))) {
  console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name.padEnd(22)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (${r.seconds}s)`);
}
const passed = [...results.values()].reduce((sum, r) => sum + r.passed, 0);
const failed = [...results.values()].reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
