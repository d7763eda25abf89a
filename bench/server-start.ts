/**
 * The backend's start-up, run from its TypeScript sources under tsx (development) against the
 * compiled file `npm start` runs (build/server/main.js, issue 16 point 7). Not a test.
 *
 *   npm run build && npx tsx bench/server-start.ts      (BENCH_RUNS rounds, default 7)
 *
 * Each round starts both, one after the other (the order alternates between rounds), each as a
 * process of its own on a fresh SQLite file, and measures: the time from spawn until `/health`
 * answers 200 (the process is ready for the proxy), and its resident memory (VmRSS from
 * /proc/PID/status) at that moment and after 100 `GET /config` + 100 `GET /offices?region=77`.
 * Prints per-kind medians and ranges, and the ratio tsx / compiled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 7);
const TOKEN = 'bench-start-operator-token-5c2e9a7f1b3d';

const KINDS = {
  tsx: ['--import', 'tsx', 'server/main.ts'],
  compiled: ['--enable-source-maps', 'build/server/main.js'],
} as const;
type Kind = keyof typeof KINDS;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const range = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

interface Sample {
  readyMs: number;
  rssReady: number;
  rssAfter: number;
}

async function startOnce(kind: Kind): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'gs-bench-start-'));
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...KINDS[kind]], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DB_PATH: join(dir, 'db.sqlite'), OPERATOR_TOKEN: TOKEN, LOG: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind}: no URL in 60 s\n${output}`)), 60_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk;
        const match = output.match(/Health:\s+(http:\/\/\S+)\/health/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
      child.on('exit', (code) => reject(new Error(`${kind} exited with ${code}\n${output}`)));
    });
    for (;;) {
      const health = await fetch(`${base}/health`).catch(() => undefined);
      if (health?.status === 200) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const readyMs = performance.now() - started;
    const rssReady = rssMb(child.pid!);
    for (let i = 0; i < 100; i++) {
      await (await fetch(`${base}/config`)).arrayBuffer();
      await (await fetch(`${base}/offices?region=77`)).arrayBuffer();
    }
    return { readyMs, rssReady, rssAfter: rssMb(child.pid!) };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const samples: Record<Kind, Sample[]> = { tsx: [], compiled: [] };
  for (let round = 0; round < RUNS; round++) {
    const order: Kind[] = round % 2 ? ['compiled', 'tsx'] : ['tsx', 'compiled'];
    for (const kind of order) samples[kind].push(await startOnce(kind));
    process.stdout.write(`round ${round + 1}/${RUNS} done\n`);
  }
  console.log(`\nServer start-up (${RUNS} rounds, alternating; medians, range in brackets)`);
  console.log('kind      ready (spawn → /health 200)   RSS at ready   RSS after 200 requests');
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const s = samples[kind];
    const ready = s.map((x) => x.readyMs);
    const rss = s.map((x) => x.rssReady);
    const after = s.map((x) => x.rssAfter);
    console.log(
      `${kind.padEnd(9)} ${median(ready).toFixed(0).padStart(6)} ms (${range(ready)})`.padEnd(41) +
        `${median(rss).toFixed(0).padStart(4)} MB (${range(rss)})`.padEnd(15) +
        `${median(after).toFixed(0).padStart(4)} MB (${range(after)})`,
    );
  }
  const ratio = median(samples.tsx.map((x) => x.readyMs)) / median(samples.compiled.map((x) => x.readyMs));
  const saved = median(samples.tsx.map((x) => x.rssReady)) - median(samples.compiled.map((x) => x.rssReady));
  console.log(`tsx / compiled start-up: ${ratio.toFixed(2)}×; memory at ready: ${saved.toFixed(0)} MB less compiled`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
