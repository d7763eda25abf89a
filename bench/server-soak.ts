/**
 * Soak run of the compiled backend (issue 16, point 7): does its memory settle under load, or
 * grow without end? Not a test: it prints the resident memory over time and a verdict.
 *
 *   npm run build && npx tsx bench/server-soak.ts      (npm run bench:soak)
 *   BENCH_SOAK_S=90          seconds of each of the two load phases (default 90)
 *   BENCH_SOAK_IDLE_S=20     seconds of quiet after each phase (default 20)
 *   BENCH_CONNECTIONS=50     concurrent keep-alive connections (default 50)
 *
 * The backend as `npm start` runs it (build/server/main.js) on a fresh SQLite file with the demo
 * data, in a process of its own; autocannon in this process cycles through the read paths a
 * citizen's widget uses (config, office searches, office and callback slots, the knowledge base).
 * Two equal load phases, each followed by a quiet spell; VmRSS sampled every second. A process
 * that leaks per request ends the second phase well above the first (it served as many requests
 * again); one whose heap has found its size ends both at about the same level.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { median, rssMb, startApp } from './server-processes.js';

const LOAD_S = Math.max(5, Number(process.env.BENCH_SOAK_S) || 90);
const IDLE_S = Math.max(1, Number(process.env.BENCH_SOAK_IDLE_S) || 20);
const CONNECTIONS = Math.max(1, Number(process.env.BENCH_CONNECTIONS) || 50);

const PATHS = [
  '/config',
  '/offices?region=77',
  `/offices?q=${encodeURIComponent('проспект')}`,
  '/offices?near=55.75,37.62',
  '/offices/msk-tverskoy/slots?service=passport',
  '/callbacks/slots',
  `/faq?q=${encodeURIComponent('пароль')}&lang=ru`,
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function load(url: string, seconds: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections: CONNECTIONS, duration: seconds, timeout: 10, requests: PATHS.map((path) => ({ method: 'GET', path })) },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gs-bench-soak-'));
  const app = await startApp(dir);
  const samples: { t: number; mb: number; phase: string }[] = [];
  let phase = 'start';
  const began = performance.now();
  const sampler = setInterval(() => {
    const mb = rssMb(app.proc.pid);
    if (mb !== undefined) samples.push({ t: (performance.now() - began) / 1000, mb, phase });
  }, 1000);
  const marks: Record<string, number> = { start: rssMb(app.proc.pid) ?? 0 };
  const served: number[] = [];
  try {
    for (const name of ['load 1', 'load 2']) {
      phase = name;
      const result = await load(app.url, LOAD_S);
      if (result.errors > 0 || result.non2xx > 0) {
        throw new Error(`${name}: ${result.errors} errors, ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)})`);
      }
      served.push(result.requests.total);
      marks[`end of ${name}`] = rssMb(app.proc.pid) ?? 0;
      phase = `quiet after ${name}`;
      await sleep(IDLE_S * 1000);
      marks[`quiet after ${name}`] = rssMb(app.proc.pid) ?? 0;
      process.stderr.write(`${name}: ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s; RSS ${marks[`end of ${name}`]} MB, ${marks[`quiet after ${name}`]} MB after ${IDLE_S} s quiet\n`);
    }
  } finally {
    clearInterval(sampler);
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const during = (name: string) => samples.filter((s) => s.phase === name).map((s) => s.mb);
  const secondHalf = (values: number[]) => values.slice(Math.floor(values.length / 2));
  /** Least-squares slope of RSS against time, MB per minute. */
  const slope = (name: string) => {
    const points = samples.filter((s) => s.phase === name);
    const half = points.slice(Math.floor(points.length / 2));
    const n = half.length;
    const mt = half.reduce((a, p) => a + p.t, 0) / n;
    const mm = half.reduce((a, p) => a + p.mb, 0) / n;
    const num = half.reduce((a, p) => a + (p.t - mt) * (p.mb - mm), 0);
    const den = half.reduce((a, p) => a + (p.t - mt) ** 2, 0);
    return den === 0 ? 0 : (num / den) * 60;
  };
  const growth = marks['end of load 2']! - marks['end of load 1']!;
  const perMillion = (growth / served[1]!) * 1e6;
  console.log(
    [
      '',
      `Soak of build/server/main.js: 2 × ${LOAD_S} s of load (${CONNECTIONS} connections, ${PATHS.length} read paths in turn), ${IDLE_S} s quiet after each`,
      `requests served: ${served.join(' + ')}`,
      ...Object.entries(marks).map(([name, mb]) => `  RSS ${name.padEnd(20)} ${String(mb).padStart(4)} MB`),
      `  median RSS in the second half of load 1: ${median(secondHalf(during('load 1')))} MB, of load 2: ${median(secondHalf(during('load 2')))} MB`,
      `  slope in the second half of each phase: ${slope('load 1').toFixed(1)} and ${slope('load 2').toFixed(1)} MB/min`,
      `  end of load 2 − end of load 1: ${growth} MB for ${served[1]} more requests (${perMillion.toFixed(1)} MB per million)`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
