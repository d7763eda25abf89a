/**
 * Server: one process (issue 16, point 8). Requests per second and p95 latency of the reference
 * backend's read paths, next to a bare fastify measured in the same run. Not a test: it prints
 * medians and fails only when an answer is not a 2xx.
 *
 *   npm run bench:server        (npm run build, then tsx bench/server.ts)
 *   BENCH_ROUNDS=5              rounds (default 5; each measures every target once)
 *   BENCH_DURATION=10           seconds per measurement (default 10), after a 2 s warm-up per target
 *   BENCH_CONNECTIONS=50        concurrent keep-alive connections (default 50)
 *   BENCH_PROFILE_S=5           seconds of the CPU profile of the office search at the end (0 = none),
 *                               in a backend of its own run from its TypeScript sources under tsx
 *                               (readable frames), after the warm-up (start-up left out)
 *
 * The real backend as `npm start` runs it (compiled: `node build/server/main.js`, after `npm run
 * build`; LOG=0: no request log) on a fresh SQLite file with the demo data (offices, settings, widget config), in a process
 * of its own; a bare fastify answering `GET /hello` (bench/bare-fastify.ts) in another, started the
 * same way; autocannon in this process, so the load generator does not share an event loop with
 * either. Rounds go through every target, each round starting one target further, so that a noisy
 * neighbour hits every target alike; the figures are medians over the rounds (req/s: autocannon's
 * mean of per-second counts; p95: of every response's latency in the round). The table gives each
 * target's req/s as a share of the bare figure of the same run. Results go to
 * bench/results/server-latest.json (git-ignored).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { summarizeProfile, SourceMaps, type Profile } from './cpu-profile.js';
import { ROOT, median, measure, rssMb, startApp, startBare, type Child, type Measurement } from './server-processes.js';

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 5);
const DURATION_S = Math.max(1, Number(process.env.BENCH_DURATION) || 10);
const CONNECTIONS = Math.max(1, Number(process.env.BENCH_CONNECTIONS) || 50);
const WARMUP_S = 2;
const PROFILE_S = Math.max(0, Number(process.env.BENCH_PROFILE_S ?? 5));

interface Target {
  name: string;
  server: 'bare' | 'app';
  path: string;
}

const TARGETS: Target[] = [
  { name: 'bare fastify GET /hello', server: 'bare', path: '/hello' },
  { name: 'GET /config', server: 'app', path: '/config' },
  { name: 'GET /offices?region=77', server: 'app', path: '/offices?region=77' },
  { name: 'GET /offices?q=проспект', server: 'app', path: `/offices?q=${encodeURIComponent('проспект')}` },
  { name: 'GET /offices?near=55.75,37.62', server: 'app', path: '/offices?near=55.75,37.62' },
  { name: 'GET /offices/msk-tverskoy/slots?service=passport', server: 'app', path: '/offices/msk-tverskoy/slots?service=passport' },
  { name: 'GET /callbacks/slots', server: 'app', path: '/callbacks/slots' },
];

const log = (line: string) => process.stderr.write(`${line}\n`);

/** `node:…`, `fastify`, `server/offices`, `src/time`: where a profile frame's code lives. */
function groupOf(path: string): string {
  if (path.startsWith('(no URL')) return '(native: socket writes, built-ins)';
  if (!path.startsWith('/')) return path;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = path.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  }
  const relative = path.startsWith(ROOT) ? path.slice(ROOT.length) : path;
  const parts = relative.split('/');
  return parts.slice(0, Math.min(parts.length - 1, parts[0] === 'demo' ? 3 : 2)).join('/') || relative;
}

/**
 * The samples of `profile` taken between `from` and `to` (µs of the monotonic clock, which V8's
 * profile timestamps and `process.hrtime` share on Linux): the load, without the start-up.
 */
function trimProfile(profile: Profile, from: number, to: number): Profile {
  const samples: number[] = [];
  const deltas: number[] = [];
  let time = profile.startTime;
  let last = from;
  (profile.samples ?? []).forEach((sample, i) => {
    time += profile.timeDeltas?.[i] ?? 0;
    if (time < from || time > to) return;
    samples.push(sample);
    deltas.push(time - last);
    last = time;
  });
  if (samples.length === 0) throw new Error(`no samples between ${from} and ${to} µs (profile ${profile.startTime}–${profile.endTime})`);
  return { ...profile, startTime: from, endTime: Math.min(to, profile.endTime), samples, timeDeltas: deltas };
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** A CPU profile of the backend under the office search; self time per function and per place. */
async function profile(dir: string, path: string, seconds: number) {
  const profileDir = join(dir, 'profile');
  mkdirSync(profileDir);
  // A fresh database of its own, like the measured one.
  const app = await startApp(profileDir, { from: 'sources', nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  let from: number;
  let to: number;
  try {
    await measure(`${app.url}${path}`, WARMUP_S, CONNECTIONS);
    from = monotonicUs();
    await measure(`${app.url}${path}`, seconds, CONNECTIONS);
    to = monotonicUs();
  } finally {
    await app.stop();
  }
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('the profiled server wrote no .cpuprofile');
  const whole = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as Profile;
  const summary = summarizeProfile(trimProfile(whole, from, to), new SourceMaps(join(ROOT, 'dist')), 15);
  const groups = new Map<string, number>();
  for (const { source, ms } of summary.bySource) groups.set(groupOf(source), (groups.get(groupOf(source)) ?? 0) + ms);
  const percent = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(1)} %`;
  return {
    totalMs: summary.totalMs,
    byPlace: [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([place, ms]) => ({ place, ms: Math.round(ms), share: percent(ms) })),
    topFunctions: summary.topFunctions.map((f) => ({
      function: f.function.replace(`file://${ROOT}`, '').replace(ROOT, ''),
      ms: Math.round(f.ms),
      share: percent(f.ms),
    })),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gs-bench-server-'));
  const children: Child[] = [];
  const load = loadavg()[0]!.toFixed(1);
  const began = Date.now();
  try {
    const [app, bare] = [await startApp(dir), await startBare()];
    children.push(app, bare);
    const base = (target: Target) => (target.server === 'app' ? app.url : bare.url);
    log(`build/server/main.js on ${app.url}, bare fastify on ${bare.url}; ${ROUNDS} rounds × ${TARGETS.length} targets × ${DURATION_S} s, ${CONNECTIONS} connections`);
    const bytes = new Map<string, number>();
    for (const target of TARGETS) {
      const response = await fetch(`${base(target)}${target.path}`);
      const body = await response.text();
      if (!response.ok) throw new Error(`${target.name}: ${response.status} ${body.slice(0, 300)}`);
      bytes.set(target.name, Buffer.byteLength(body));
    }
    for (const target of TARGETS) await measure(`${base(target)}${target.path}`, WARMUP_S, CONNECTIONS);
    const runs = new Map<string, Measurement[]>(TARGETS.map((t) => [t.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < TARGETS.length; i++) {
        const target = TARGETS[(round + i) % TARGETS.length]!;
        const m = await measure(`${base(target)}${target.path}`, DURATION_S, CONNECTIONS);
        runs.get(target.name)!.push(m);
        log(`round ${round + 1}/${ROUNDS} ${target.name}: ${Math.round(m.rps)} req/s, p95 ${m.p95.toFixed(2)} ms`);
      }
    }
    const rss = rssMb(app.proc.pid);
    const summary = TARGETS.map((target) => {
      const ms = runs.get(target.name)!;
      return {
        target: target.name,
        rps: Math.round(median(ms.map((m) => m.rps))),
        rpsMin: Math.round(Math.min(...ms.map((m) => m.rps))),
        rpsMax: Math.round(Math.max(...ms.map((m) => m.rps))),
        p95Ms: Math.round(median(ms.map((m) => m.p95)) * 100) / 100,
        meanMs: Math.round(median(ms.map((m) => m.mean)) * 100) / 100,
        bytes: bytes.get(target.name)!,
      };
    });
    await Promise.all(children.splice(0).map((c) => c.stop()));
    const bareRps = summary[0]!.rps;

    const lines = [
      '',
      `Server: one process — ${new Date().toISOString().slice(0, 10)}, ${ROUNDS} rounds × ${DURATION_S} s, ${CONNECTIONS} connections`,
      `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${load} at start, ${loadavg()[0]!.toFixed(1)} at end`,
      '',
      '| target | req/s (median) | min–max | × bare | p95 ms | mean ms | body bytes |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...summary.map(
        (s) => `| ${s.target} | ${s.rps} | ${s.rpsMin}–${s.rpsMax} | ${(s.rps / bareRps).toFixed(2)} | ${s.p95Ms.toFixed(2)} | ${s.meanMs.toFixed(2)} | ${s.bytes} |`,
      ),
      '',
      `Backend resident memory after the rounds: ${rss ?? '?'} MB.`,
    ];
    console.log(lines.join('\n'));

    let profiled: Awaited<ReturnType<typeof profile>> | undefined;
    if (PROFILE_S > 0) {
      log(`CPU profile of GET /offices?region=77, ${PROFILE_S} s`);
      profiled = await profile(dir, '/offices?region=77', PROFILE_S);
      console.log(
        [
          '',
          `CPU profile of the backend under GET /offices?region=77 (${PROFILE_S} s after a ${WARMUP_S} s warm-up, ${profiled.totalMs} ms of samples, idle excluded): self time by place`,
          ...profiled.byPlace.slice(0, 14).map((p) => `  ${p.share.padStart(7)}  ${p.place}`),
          'Top functions (self time):',
          ...profiled.topFunctions.map((f) => `  ${f.share.padStart(7)}  ${f.function}`),
        ].join('\n'),
      );
    }
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench/results/server-latest.json'),
      JSON.stringify({ date: new Date().toISOString(), seconds: (Date.now() - began) / 1000, rounds: ROUNDS, durationS: DURATION_S, connections: CONNECTIONS, summary, runs: Object.fromEntries(runs), rssMb: rss, profile: profiled }, null, 2),
    );
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
