/**
 * Server: one process and two, on SQLite and on PostgreSQL (issue 16). Requests per second and p95
 * latency of the reference backend's read paths, the status lookup and the chat send, on one
 * process and (the region search, the lookup, the chat send) on two processes sharing one
 * database, each on SQLite and on PostgreSQL, next to a bare fastify and a bare Socket.IO echo
 * measured in the same run. Not a test: it prints medians and fails only when an answer is not a
 * 2xx (or an ack not `ok`).
 *
 *   npm run bench:server        (npm run build, then tsx bench/server.ts; `npm run bench` runs it after the boot bench)
 *   BENCH_ROUNDS=5              rounds (default 5; each measures every target once)
 *   BENCH_DURATION=5            seconds per measurement (default 5), after a 2 s warm-up per target
 *   BENCH_CONNECTIONS=50        concurrent keep-alive connections, and chat sockets (default 50);
 *                               on two processes, half against each
 *   BENCH_PROFILE_S=5           seconds of each CPU profile at the end (0 = none): the region search,
 *                               the lookup and the chat send (on SQLite, and the chat send on
 *                               PostgreSQL), each in a backend of its own run from its TypeScript
 *                               sources under tsx (readable frames), after the warm-up (start-up left out)
 *
 * PostgreSQL: a cluster of the bench's own (test/helpers/postgres.ts: Debian's binaries, a temp
 * folder, a free port, removed at the end) with PostgreSQL's durable defaults (fsync and
 * synchronous commits on, unlike the tests' cluster), its other settings the package's defaults.
 *
 * Processes, each of its own, all on 127.0.0.1 (the load generator, autocannon and socket.io-client,
 * is this process: it shares an event loop with none of them), for each database:
 * - A and B: the real backend as `npm start` runs it (compiled: `node build/server/main.js`, after
 *   `npm run build`; LOG=0: no request log), both on one fresh database (a SQLite file, or a
 *   PostgreSQL database through DATABASE_URL) with the demo data (offices, settings, widget config)
 *   and one upload folder, with TRUST_PROXY=1: the lookups come from 200 citizens, each with a
 *   request of their own, each from their own address in X-Forwarded-For (as behind a reverse
 *   proxy), so that no limit is lifted (failed lookups are limited per IP and per number, and a
 *   lookup in flight holds a place until it succeeds: more than 5 at once from one address, or for
 *   one number, would be refused). One process = A alone (B idle); two = A and B, half the
 *   connections each.
 * - C and D: the same backend with the chat's per-socket event limit and per-IP start limit lifted
 *   (bench/chat-server.ts, compiled the same way: no environment setting reaches them), on another
 *   database of their own: 50 citizens, each in a conversation an operator has taken, each
 *   sending its next message as soon as the last is acknowledged. One process = C with 50
 *   sockets; two = C and D with 25 each (other conversations, each process's own operator).
 * - A bare fastify answering `GET /hello` (bench/bare-fastify.ts) and a bare Socket.IO server
 *   answering `echo` through the ack (bench/bare-socketio.ts, 50 sockets, the chat's payload).
 * On PostgreSQL, only the paths that read the database per request, and the region search (the
 * issue's target), are measured: /config, the text and the nearest-office searches answer from
 * memory whatever the database.
 *
 * Rounds go through every measurement, each round starting one further, so that a noisy neighbour
 * hits every target alike; the figures are medians over the rounds (req/s: autocannon's mean of
 * per-second counts, or acks within the time per second; p95: of every response's latency in the
 * round, both processes' together). The table gives each target's req/s as a share of its floor's
 * (bare fastify for HTTP, bare Socket.IO for the chat) in the same run, PostgreSQL's as a share
 * of SQLite's, and the servers' CPU time per request (user + system of every thread, /proc; on
 * PostgreSQL the database server's processes too). Results go to bench/results/server-latest.json
 * (git-ignored).
 */
import { randomUUID, scryptSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'autocannon';
import { summarizeProfile, SourceMaps, type Profile } from './cpu-profile.js';
import { startTestPostgres, type TestPostgres } from '../test/helpers/postgres.js';
import {
  ROOT,
  chatCitizens,
  cpuByPid,
  cpuSeconds,
  cpuUsedBetween,
  echoClients,
  httpRun,
  measure,
  measureSends,
  measureTogether,
  median,
  rssMb,
  settle,
  startApp,
  startBare,
  startBareSocketIo,
  startChatApp,
  type Child,
  type HttpLoad,
  type Measurement,
  type Senders,
  withChildren,
} from './server-processes.js';

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 5);
const DURATION_S = Math.max(1, Number(process.env.BENCH_DURATION) || 5);
const CONNECTIONS = Math.max(2, Number(process.env.BENCH_CONNECTIONS) || 50);
const WARMUP_S = 2;
const PROFILE_S = Math.max(0, Number(process.env.BENCH_PROFILE_S ?? 5));
/** Citizens taking turns at the lookup: enough that no number or address has 5 lookups in flight. */
const CITIZENS = 4 * CONNECTIONS;
const OPERATOR_TOKEN = `bench-operator-${randomUUID()}`;
const LOOKUP_PATH = '/requests/lookup';

/** Where a backend keeps its data. */
type Db = 'SQLite' | 'PostgreSQL';
const DBS: readonly Db[] = ['SQLite', 'PostgreSQL'];

interface Row {
  name: string;
  floor: 'fastify' | 'socket.io';
  /** Absent for the bare floors. */
  db?: Db;
}

/**
 * A GET path measured on one process, and on two when `two`; `postgres`: measured on PostgreSQL
 * too (the paths that read the database per request, or the issue's target; the others answer
 * from memory, the same code whatever the database).
 */
const GETS: { name: string; path: string; two?: boolean; postgres?: boolean }[] = [
  { name: 'GET /config', path: '/config' },
  { name: 'GET /offices?region=77', path: '/offices?region=77', two: true, postgres: true },
  { name: 'GET /offices?q=проспект', path: `/offices?q=${encodeURIComponent('проспект')}` },
  { name: 'GET /offices?near=55.75,37.62', path: '/offices?near=55.75,37.62' },
  { name: 'GET /offices/msk-tverskoy/slots?service=passport', path: '/offices/msk-tverskoy/slots?service=passport', postgres: true },
  { name: 'GET /callbacks/slots', path: '/callbacks/slots', postgres: true },
];
const BARE_HTTP = 'bare fastify GET /hello';
const LOOKUP = 'POST /requests/lookup (code)';
const BARE_ECHO = 'bare Socket.IO echo → ack';
const CHAT_SEND = 'chat:send → ack';
const ROWS: Row[] = [
  { name: BARE_HTTP, floor: 'fastify' },
  ...DBS.flatMap((db): Row[] => [
    ...GETS.filter((g) => db === 'SQLite' || g.postgres).map((g) => ({ name: g.name, floor: 'fastify' as const, db })),
    { name: LOOKUP, floor: 'fastify', db },
  ]),
  { name: BARE_ECHO, floor: 'socket.io' },
  ...DBS.map((db): Row => ({ name: CHAT_SEND, floor: 'socket.io', db })),
];
const rowKey = (row: { name: string; db?: Db }) => (row.db ? `${row.name} · ${row.db}` : row.name);

/** One measurement of a round: a row on one or two processes. */
interface Job {
  /** rowKey of its row. */
  row: string;
  processes: 1 | 2;
  /** The server processes that do the work (their CPU time is counted). */
  pids: () => (number | undefined)[];
  run(seconds: number): Promise<Measurement>;
}

interface Citizen {
  ip: string;
  body: string;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `count` requests registered through `POST /requests` on `base`, each by another citizen (phone,
 * e-mail, address in X-Forwarded-For: under every registration limit); their lookup bodies
 * (number and lookup code).
 */
async function registerCitizens(base: string, count: number): Promise<Citizen[]> {
  const register = async (i: number): Promise<Citizen> => {
    const ip = `10.${16 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
    const response = await fetch(`${base}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': ip },
      body: JSON.stringify({
        type: 'technical',
        fullName: 'Иванова Мария Петровна',
        phone: `+7 912 ${String(1_000_000 + i).slice(-7)}`,
        email: `citizen${i}@example.ru`,
        answerChannel: 'email',
        description: 'Не открывается страница оплаты госпошлины, появляется ошибка 500.',
        consent: true,
      }),
    });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`POST /requests: ${response.status} ${text.slice(0, 300)}`);
    const { number, lookupCode } = JSON.parse(text) as { number: string; lookupCode: string };
    return { ip, body: JSON.stringify({ number, factor: lookupCode }) };
  };
  const citizens: Citizen[] = [];
  // Four at a time (each hashes its lookup code with scrypt, in libuv's pool of four threads).
  for (let i = 0; i < count; i += 4) citizens.push(...(await Promise.all(Array.from({ length: Math.min(4, count - i) }, (_, k) => register(i + k)))));
  return citizens;
}

/**
 * The lookup against `base`: the citizens take turns (`offset`, `offset + stride`, …), each lookup
 * with its citizen's number, lookup code and address.
 */
function lookupLoad(base: string, citizens: readonly Citizen[], connections: number, seconds: number, offset = 0, stride = 1): HttpLoad {
  let next = offset;
  return {
    url: `${base}${LOOKUP_PATH}`,
    seconds,
    connections,
    setupRequest: (request: Request): Request => {
      const citizen = citizens[next]!;
      next = (next + stride) % citizens.length;
      return {
        ...request,
        method: 'POST',
        path: LOOKUP_PATH,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': citizen.ip },
        body: citizen.body,
      };
    },
  };
}

/** One lookup answered 200 with a status (a check before the load). */
async function checkLookup(base: string, citizen: Citizen) {
  const response = await fetch(`${base}${LOOKUP_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': citizen.ip },
    body: citizen.body,
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${LOOKUP_PATH}: ${response.status} ${text.slice(0, 300)}`);
  return Buffer.byteLength(text);
}

/** Milliseconds of one scrypt of the lookup code (N = 2^14, r = 8: server/requests/lookup-code.ts) on one core, median of 9. */
function scryptMs(): number {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    scryptSync('K7QM4TXA', 'sixteen byte salt', 32, { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    times.push(performance.now() - t0);
  }
  return median(times);
}

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

/** What a profile puts under load: a started backend, and a load of `seconds` against it. */
interface Profiled {
  name: string;
  /** `postgres`: the bench's cluster, for a target on PostgreSQL. */
  start(dir: string, nodeArgs: string[], postgres: TestPostgres): Promise<Child>;
  /** Makes ready (registers citizens, opens sockets); returns the load and what to close after. */
  prepare(server: Child): Promise<{ load(seconds: number): Promise<unknown>; close(): void }>;
}

const PROFILED: Profiled[] = [
  {
    name: 'GET /offices?region=77',
    start: (dir, nodeArgs) => startApp(dir, { from: 'sources', nodeArgs }),
    prepare: async (server) => ({ load: (seconds) => measure(`${server.url}/offices?region=77`, seconds, CONNECTIONS), close: () => {} }),
  },
  {
    name: LOOKUP,
    start: (dir, nodeArgs) => startApp(dir, { from: 'sources', nodeArgs, env: { TRUST_PROXY: '1' } }),
    prepare: async (server) => {
      const citizens = await registerCitizens(server.url, CITIZENS);
      return { load: (seconds) => httpRun(lookupLoad(server.url, citizens, CONNECTIONS, seconds)), close: () => {} };
    },
  },
  {
    name: CHAT_SEND,
    start: (dir, nodeArgs) => startChatApp(dir, { from: 'sources', nodeArgs, env: { OPERATOR_TOKEN } }),
    prepare: (server) => chatLoad(server),
  },
  {
    name: rowKey({ name: CHAT_SEND, db: 'PostgreSQL' }),
    start: async (dir, nodeArgs, postgres) =>
      startChatApp(dir, { from: 'sources', nodeArgs, env: { OPERATOR_TOKEN, DATABASE_URL: await postgres.createDatabase() } }),
    prepare: (server) => chatLoad(server),
  },
];

/** 50 citizens chatting with an operator on `server`: the chat send's load. */
async function chatLoad(server: Child) {
  const citizens = await chatCitizens(server.url, OPERATOR_TOKEN, CONNECTIONS, 'Профиль');
  return { load: (seconds: number) => measureSends([citizens], seconds), close: () => citizens.close() };
}

/**
 * A CPU profile of a backend (of its own, on a fresh database, from its sources) under one
 * target: self time per function and per place, of the main thread; and the CPU time of the whole
 * process meanwhile (the main thread and the others: libuv's pool, where scrypt runs; V8's).
 */
async function profile(dir: string, target: Profiled, seconds: number, postgres: TestPostgres) {
  const profileDir = join(dir, `profile-${PROFILED.indexOf(target)}`);
  mkdirSync(profileDir);
  const server = await target.start(profileDir, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], postgres);
  let from: number;
  let to: number;
  let processCpuS: number | undefined;
  try {
    const { load, close } = await target.prepare(server);
    try {
      await load(WARMUP_S);
      const cpu0 = cpuSeconds(server.proc.pid);
      from = monotonicUs();
      await load(seconds);
      to = monotonicUs();
      const cpu1 = cpuSeconds(server.proc.pid);
      processCpuS = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
    } finally {
      close();
    }
  } finally {
    await server.stop();
  }
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('the profiled server wrote no .cpuprofile');
  const whole = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as Profile;
  const summary = summarizeProfile(trimProfile(whole, from, to), new SourceMaps(join(ROOT, 'dist')), 15);
  const groups = new Map<string, number>();
  for (const { source, ms } of summary.bySource) groups.set(groupOf(source), (groups.get(groupOf(source)) ?? 0) + ms);
  const percent = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(1)} %`;
  return {
    target: target.name,
    seconds,
    totalMs: summary.totalMs,
    processCpuMs: processCpuS === undefined ? undefined : Math.round(processCpuS * 1000),
    byPlace: [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([place, ms]) => ({ place, ms: Math.round(ms), share: percent(ms) })),
    topFunctions: summary.topFunctions.map((f) => ({
      function: f.function.replace(`file://${ROOT}`, '').replace(ROOT, ''),
      ms: Math.round(f.ms),
      share: percent(f.ms),
    })),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const thousands = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** The four backends of one database: A and B (the reference backend), C and D (the chat's limits lifted). */
interface Backends {
  db: Db;
  a: Child;
  b: Child;
  c: Child;
  d: Child;
  /** The database server's processes (PostgreSQL: the postmaster and its backends), read anew each time. */
  dbPids: () => number[];
  citizens: Citizen[];
  chatOne: Senders;
  chatTwo: Senders[];
}

/**
 * A and B on one database, C and D on another, of `db`: SQLite files in `dir`, or two databases
 * of the PostgreSQL cluster `postgres`. One after the other: the first of each pair applies the
 * migrations and the demo data.
 */
async function startBackends(db: Db, dir: string, children: Child[], senders: Senders[], postgres?: TestPostgres): Promise<Backends> {
  const shared = join(dir, `${db}-shared`);
  const chatDir = join(dir, `${db}-chat`);
  mkdirSync(shared);
  mkdirSync(chatDir);
  const httpDatabase = postgres ? { DATABASE_URL: await postgres.createDatabase() } : {};
  const chatDatabase = postgres ? { DATABASE_URL: await postgres.createDatabase() } : {};
  const appEnv = { env: { TRUST_PROXY: '1', ...httpDatabase } };
  const chatEnv = { env: { OPERATOR_TOKEN, ...chatDatabase } };
  const a = await startApp(shared, appEnv);
  children.push(a);
  const b = await startApp(shared, appEnv);
  children.push(b);
  const c = await startChatApp(chatDir, chatEnv);
  children.push(c);
  const d = await startChatApp(chatDir, chatEnv);
  children.push(d);
  log(`${db}: build/server/main.js on ${a.url} and ${b.url}, build/bench/chat-server.js on ${c.url} and ${d.url}`);
  log(`${db}: registering ${CITIZENS} requests for the lookup`);
  const citizens = await registerCitizens(a.url, CITIZENS);
  await checkLookup(b.url, citizens[1]!);
  const half = Math.floor(CONNECTIONS / 2);
  const chatOne = await chatCitizens(c.url, OPERATOR_TOKEN, CONNECTIONS, 'Оператор один');
  senders.push(chatOne);
  const chatTwo = [await chatCitizens(c.url, OPERATOR_TOKEN, half, 'Оператор C')];
  senders.push(chatTwo[0]!);
  chatTwo.push(await chatCitizens(d.url, OPERATOR_TOKEN, CONNECTIONS - half, 'Оператор D'));
  senders.push(chatTwo[1]!);
  const dbPids = () => (postgres?.pid === undefined ? [] : withChildren(postgres.pid));
  return { db, a, b, c, d, dbPids, citizens, chatOne, chatTwo };
}

/** The measurements of one database's backends (the bare floors aside). */
function jobsOf(x: Backends): Job[] {
  const { a, b, c, d, citizens, chatOne, chatTwo, db } = x;
  const half = Math.floor(CONNECTIONS / 2);
  const pids = (...servers: Child[]) => () => [...servers.map((server) => server.proc.pid), ...x.dbPids()];
  return [
    ...GETS.filter((get) => db === 'SQLite' || get.postgres).flatMap((get): Job[] => [
      { row: rowKey({ name: get.name, db }), processes: 1, pids: pids(a), run: (s) => measure(`${a.url}${get.path}`, s, CONNECTIONS) },
      ...(get.two
        ? [
            {
              row: rowKey({ name: get.name, db }),
              processes: 2 as const,
              pids: pids(a, b),
              run: (s: number) =>
                measureTogether([
                  { url: `${a.url}${get.path}`, seconds: s, connections: half },
                  { url: `${b.url}${get.path}`, seconds: s, connections: CONNECTIONS - half },
                ]),
            },
          ]
        : []),
    ]),
    { row: rowKey({ name: LOOKUP, db }), processes: 1, pids: pids(a), run: (s) => measureTogether([lookupLoad(a.url, citizens, CONNECTIONS, s)]) },
    {
      row: rowKey({ name: LOOKUP, db }),
      processes: 2,
      pids: pids(a, b),
      run: (s) => measureTogether([lookupLoad(a.url, citizens, half, s, 0, 2), lookupLoad(b.url, citizens, CONNECTIONS - half, s, 1, 2)]),
    },
    { row: rowKey({ name: CHAT_SEND, db }), processes: 1, pids: pids(c), run: (s) => measureSends([chatOne], s) },
    { row: rowKey({ name: CHAT_SEND, db }), processes: 2, pids: pids(c, d), run: (s) => measureSends(chatTwo, s) },
  ];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gs-bench-server-'));
  const children: Child[] = [];
  const senders: Senders[] = [];
  let postgres: TestPostgres | undefined;
  const load = loadavg()[0]!.toFixed(1);
  const began = Date.now();
  try {
    // A cluster of its own with PostgreSQL's durable defaults (fsync and synchronous commits on,
    // as SQLite's WAL commits here are durable): test/helpers/postgres.ts, Debian's binaries.
    postgres = await startTestPostgres({ durable: true });
    if (postgres.pid === undefined) throw new Error('the bench starts a PostgreSQL of its own: unset TEST_DATABASE_URL');
    log(`PostgreSQL cluster on ${new URL(postgres.adminUrl).host} (postmaster ${postgres.pid})`);
    const backends: Backends[] = [];
    for (const db of DBS) backends.push(await startBackends(db, dir, children, senders, db === 'PostgreSQL' ? postgres : undefined));
    const [bare, echo] = [await startBare(), await startBareSocketIo()];
    children.push(bare, echo);
    log(`bare fastify on ${bare.url}, bare Socket.IO on ${echo.url}`);

    const bytes = new Map<string, number>();
    for (const x of backends) {
      for (const get of GETS) {
        if (x.db === 'PostgreSQL' && !get.postgres) continue;
        const response = await fetch(`${x.a.url}${get.path}`);
        const text = await response.text();
        if (!response.ok) throw new Error(`${get.name} (${x.db}): ${response.status} ${text.slice(0, 300)}`);
        bytes.set(rowKey({ name: get.name, db: x.db }), Buffer.byteLength(text));
      }
      bytes.set(rowKey({ name: LOOKUP, db: x.db }), await checkLookup(x.a.url, x.citizens[0]!));
    }
    const echoes = await echoClients(echo.url, CONNECTIONS);
    senders.push(echoes);

    const jobs: Job[] = [
      { row: BARE_HTTP, processes: 1, pids: () => [bare.proc.pid], run: (s) => measure(`${bare.url}/hello`, s, CONNECTIONS) },
      { row: BARE_ECHO, processes: 1, pids: () => [echo.proc.pid], run: (s) => measureSends([echoes], s) },
      ...backends.flatMap(jobsOf),
    ];
    const key = (job: Job) => `${job.row} × ${job.processes}`;
    log(`${ROUNDS} rounds × ${jobs.length} measurements × ${DURATION_S} s, ${CONNECTIONS} connections or sockets; a ${WARMUP_S} s warm-up each first`);
    for (const job of jobs) {
      await job.run(WARMUP_S);
      await settle(job.pids());
    }

    interface Sample extends Measurement {
      /** Server CPU time per request, ms (every thread of the processes doing the work, and of the database server). */
      cpuMsPerRequest?: number;
      /** Cores this process (the load generator) kept busy. */
      loadCores: number;
    }
    const runs = new Map<string, Sample[]>(jobs.map((job) => [key(job), []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < jobs.length; i++) {
        const job = jobs[(round + i) % jobs.length]!;
        const cpu0 = cpuByPid(job.pids());
        const own0 = process.cpuUsage();
        const t0 = performance.now();
        const m = await job.run(DURATION_S);
        const wall = (performance.now() - t0) / 1000;
        const own = process.cpuUsage(own0);
        const cpu = cpuUsedBetween(cpu0, cpuByPid(job.pids()));
        const settled = await settle(job.pids());
        const sample: Sample = {
          ...m,
          ...(m.rps > 0 ? { cpuMsPerRequest: (1000 * cpu) / (m.rps * DURATION_S) } : {}),
          loadCores: (own.user + own.system) / 1e6 / wall,
        };
        runs.get(key(job))!.push(sample);
        log(
          `round ${round + 1}/${ROUNDS} ${key(job)}: ${Math.round(m.rps)} req/s, p95 ${m.p95.toFixed(2)} ms` +
            `${sample.cpuMsPerRequest !== undefined ? `, server CPU ${sample.cpuMsPerRequest.toFixed(3)} ms/req` : ''}, load generator ${sample.loadCores.toFixed(2)} cores` +
            (settled > 1 ? `; ${settled.toFixed(1)} s until the server was idle` : ''),
        );
      }
    }
    const rss = Object.fromEntries(
      backends.flatMap((x) => (['a', 'b', 'c', 'd'] as const).map((name) => [`${x.db} ${name.toUpperCase()}`, rssMb(x[name].proc.pid)])),
    );
    for (const group of senders.splice(0)) group.close();
    await Promise.all(children.splice(0).map((child) => child.stop()));

    const figures = (samples: Sample[] | undefined) => {
      if (!samples || samples.length === 0) return undefined;
      const cpu = samples.flatMap((x) => (x.cpuMsPerRequest === undefined ? [] : [x.cpuMsPerRequest]));
      return {
        rps: Math.round(median(samples.map((x) => x.rps))),
        rpsMin: Math.round(Math.min(...samples.map((x) => x.rps))),
        rpsMax: Math.round(Math.max(...samples.map((x) => x.rps))),
        p95Ms: round2(median(samples.map((x) => x.p95))),
        meanMs: round2(median(samples.map((x) => x.mean))),
        ...(cpu.length > 0 ? { cpuMsPerRequest: Math.round(median(cpu) * 1000) / 1000 } : {}),
        loadGeneratorCores: round2(median(samples.map((x) => x.loadCores))),
      };
    };
    const summary = ROWS.map((row) => ({
      target: row.name,
      db: row.db,
      floor: row.floor,
      bytes: bytes.get(rowKey(row)),
      one: figures(runs.get(`${rowKey(row)} × 1`))!,
      two: figures(runs.get(`${rowKey(row)} × 2`)),
    }));
    const floorRps = (floor: Row['floor']) => summary.find((s) => s.target === (floor === 'fastify' ? BARE_HTTP : BARE_ECHO))!.one.rps;
    const onSqlite = (target: string) => summary.find((s) => s.target === target && s.db === 'SQLite');
    const scrypt = scryptMs();

    const lines = [
      '',
      `Server: one process and two, SQLite and PostgreSQL — ${new Date().toISOString().slice(0, 10)}, ${ROUNDS} rounds × ${DURATION_S} s, ${CONNECTIONS} connections or sockets (two processes: half each)`,
      `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${load} at start, ${loadavg()[0]!.toFixed(1)} at end`,
      '',
      '| target | database | one process: req/s | min–max | p95 ms | × bare | ÷ SQLite | server CPU ms/req | two processes: req/s | p95 ms | × bare | two ÷ one |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...summary.map((s) => {
        const bare = floorRps(s.floor);
        const sqlite = s.db === 'PostgreSQL' ? onSqlite(s.target) : undefined;
        const two = s.two
          ? `${thousands(s.two.rps)} | ${s.two.p95Ms.toFixed(2)} | ${(s.two.rps / bare).toFixed(2)} | ${(s.two.rps / s.one.rps).toFixed(2)}`
          : '– | – | – | –';
        return (
          `| ${s.target} | ${s.db ?? '–'} | ${thousands(s.one.rps)} | ${thousands(s.one.rpsMin)}–${thousands(s.one.rpsMax)} | ${s.one.p95Ms.toFixed(2)} | ` +
          `${(s.one.rps / bare).toFixed(s.one.rps / bare < 0.01 ? 4 : 2)} | ${sqlite ? (s.one.rps / sqlite.one.rps).toFixed(2) : '–'} | ${s.one.cpuMsPerRequest?.toFixed(3) ?? '?'} | ${two} |`
        );
      }),
      '',
      `× bare: of the bare fastify (HTTP) or the bare Socket.IO echo (chat) of the same run. ÷ SQLite: PostgreSQL's req/s over SQLite's, one process. Server CPU: the node processes' and, on PostgreSQL, the database server's (postmaster, backends, background workers).`,
      `Load generator (this process): ${summary.map((s) => `${rowKey({ name: s.target, ...(s.db ? { db: s.db } : {}) })} ${s.one.loadGeneratorCores}`).join(', ')} cores.`,
      `One scrypt of a lookup code (N = 2^14, r = 8) in this process: ${scrypt.toFixed(1)} ms of one core.`,
      `Resident memory after the rounds, MB: ${Object.entries(rss).map(([name, mb]) => `${name} ${mb ?? '?'}`).join(', ')} (A, B: HTTP; C, D: chat).`,
    ];
    console.log(lines.join('\n'));

    const profiles: Awaited<ReturnType<typeof profile>>[] = [];
    if (PROFILE_S > 0) {
      for (const target of PROFILED) {
        log(`CPU profile of ${target.name}, ${PROFILE_S} s`);
        const p = await profile(dir, target, PROFILE_S, postgres);
        profiles.push(p);
        console.log(
          [
            '',
            `CPU profile of the backend under ${p.target} (${PROFILE_S} s after a ${WARMUP_S} s warm-up; main thread: ${p.totalMs} ms of samples, idle excluded; the whole process: ${p.processCpuMs ?? '?'} ms of CPU): self time by place`,
            ...p.byPlace.slice(0, 14).map((x) => `  ${x.share.padStart(7)}  ${x.place}`),
            'Top functions (self time):',
            ...p.topFunctions.map((f) => `  ${f.share.padStart(7)}  ${f.function}`),
          ].join('\n'),
        );
      }
    }
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench/results/server-latest.json'),
      JSON.stringify(
        {
          date: new Date().toISOString(),
          seconds: (Date.now() - began) / 1000,
          rounds: ROUNDS,
          durationS: DURATION_S,
          connections: CONNECTIONS,
          loadAverage: { start: Number(load), end: loadavg()[0] },
          summary,
          runs: Object.fromEntries(runs),
          scryptMs: scrypt,
          rssMb: rss,
          profiles,
        },
        null,
        2,
      ),
    );
  } finally {
    for (const group of senders) group.close();
    await Promise.all(children.map((child) => child.stop()));
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
