/**
 * What the server benchmarks share: the reference backend, the backend with the chat's limits
 * lifted (bench/chat-server.ts), a bare fastify and a bare Socket.IO echo, each in a process of its
 * own; autocannon runs (one, or several at once against several processes) with their p95; chat
 * sends from many sockets at once; a process's resident memory and CPU time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request, type Result } from 'autocannon';
import { build } from 'esbuild';
import { io, type Socket } from 'socket.io-client';
import { MAX_MESSAGES } from '../server/chat/store.js';
import { CHAT_EVENTS, CHAT_NAMESPACE, CHAT_OPERATOR_EVENTS, CHAT_OPERATOR_NAMESPACE } from '../src/protocol/chat.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** build/server/main.js, which `npm run build` makes; the benchmarks measure what `npm start` runs. */
function compiledServer(): string {
  const file = join(ROOT, 'build/server/main.js');
  if (!existsSync(file)) throw new Error('build/server/main.js is missing: run `npm run build` first');
  return file;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const quantile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export interface Child {
  proc: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Spawns `node …nodeArgs` in the project folder and waits for the line that gives its port. */
export function start(nodeArgs: string[], env: NodeJS.ProcessEnv, portLine: RegExp): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, nodeArgs, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${nodeArgs.join(' ')} printed no port in 60 s:\n${output}`));
    }, 60_000);
    const exited = new Promise<void>((done) => proc.once('exit', () => done()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${nodeArgs.join(' ')} exited with ${code}:\n${output}`));
    });
    proc.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    proc.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = output.match(portLine);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        proc,
        url: `http://127.0.0.1:${match[1]}`,
        async stop() {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
          const killer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}

/**
 * The reference backend on a fresh SQLite file in `dir`, with the demo data: compiled
 * (build/server/main.js, as `npm start` runs it) or, with `from: 'sources'`, from its TypeScript
 * under tsx (readable CPU profiles); `nodeArgs` before the entry.
 */
export const startApp = (dir: string, { nodeArgs = [], from = 'compiled', env = {} }: { nodeArgs?: string[]; from?: 'compiled' | 'sources'; env?: NodeJS.ProcessEnv } = {}) =>
  start(
    from === 'compiled' ? [...nodeArgs, '--enable-source-maps', compiledServer()] : [...nodeArgs, '--import', 'tsx', 'server/main.ts'],
    appEnv(dir, env),
    /Demo site:\s+http:\/\/[^:]+:(\d+)\//,
  );

/** The backend's settings in the benchmarks; `dir` holds its database and uploads (two processes may share one). */
const appEnv = (dir: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  PORT: '0',
  HOST: '127.0.0.1',
  DB_PATH: join(dir, 'db.sqlite'),
  UPLOAD_DIR: join(dir, 'uploads'),
  OPERATOR_TOKEN: `bench-${randomBytes(24).toString('base64url')}`,
  LOG: '0',
  ...env,
});

/** A bare fastify answering `GET /hello` (bench/bare-fastify.ts): the floor of the same run. */
export const startBare = () => start(['--import', 'tsx', 'bench/bare-fastify.ts'], {}, /listening on (\d+)/);

/** A bare Socket.IO server answering `echo` through its ack (bench/bare-socketio.ts): the chat's floor. */
export const startBareSocketIo = () => start(['--import', 'tsx', 'bench/bare-socketio.ts'], {}, /listening on (\d+)/);

let chatServerBuilt: Promise<string> | undefined;
/** bench/chat-server.ts compiled as scripts/build-server.mjs compiles server/main.ts. */
function compiledChatServer(): Promise<string> {
  const outfile = join(ROOT, 'build/bench/chat-server.js');
  return (chatServerBuilt ??= build({
    entryPoints: [join(ROOT, 'bench/chat-server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
  }).then(() => outfile));
}

/**
 * The backend with the chat's per-socket event limit and per-IP start limit lifted
 * (bench/chat-server.ts), with startApp's settings: compiled like build/server/main.js, or from
 * its sources under tsx. Pass `env.OPERATOR_TOKEN` to connect operators.
 */
export async function startChatApp(dir: string, { nodeArgs = [], from = 'compiled', env = {} }: { nodeArgs?: string[]; from?: 'compiled' | 'sources'; env?: NodeJS.ProcessEnv } = {}) {
  const entry = from === 'compiled' ? ['--enable-source-maps', await compiledChatServer()] : ['--import', 'tsx', 'bench/chat-server.ts'];
  return start([...nodeArgs, ...entry], appEnv(dir, env), /Demo site:\s+http:\/\/[^:]+:(\d+)\//);
}

export interface Measurement {
  rps: number;
  p95: number;
  mean: number;
}

/** One load's raw figures: its requests (or acks) per second and every latency, ms. */
export interface Run {
  rps: number;
  latencies: number[];
}

/** Several runs made at once (one per process): their req/s summed, p95 and mean over every latency. */
export function combine(runs: readonly Run[]): Measurement {
  const sorted = Float64Array.from(runs.flatMap((run) => run.latencies)).sort();
  const sum = sorted.reduce((total, ms) => total + ms, 0);
  return { rps: runs.reduce((total, run) => total + run.rps, 0), p95: quantile(sorted, 0.95), mean: sum / Math.max(1, sorted.length) };
}

export interface HttpLoad {
  url: string;
  seconds: number;
  connections: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Builds each request anew (its body and headers), e.g. to take turns among citizens. */
  setupRequest?: (request: Request) => Request;
}

/**
 * One autocannon run; req/s is autocannon's mean of per-second counts, the latencies are every
 * response's. Throws on errors or non-2xx answers.
 */
export function httpRun(load: HttpLoad): Promise<Run> {
  const latencies: number[] = [];
  const { url, seconds, connections, method, headers, body, setupRequest } = load;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 10,
        ...(method ? { method } : {}),
        ...(headers ? { headers } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(setupRequest ? { requests: [{ setupRequest }] } : {}),
      },
      (error, result: Result) => {
        if (error) return reject(error);
        if (result.errors > 0 || result.non2xx > 0) {
          return reject(new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)})`));
        }
        resolve({ rps: result.requests.average, latencies });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
}

/** One autocannon run of `GET url`; p95 from every response's latency. Throws on errors or non-2xx answers. */
export async function measure(url: string, seconds: number, connections: number): Promise<Measurement> {
  return combine([await httpRun({ url, seconds, connections })]);
}

/** Several autocannon runs at once (e.g. half the connections against each of two processes). */
export async function measureTogether(loads: readonly HttpLoad[]): Promise<Measurement> {
  return combine(await Promise.all(loads.map(httpRun)));
}

// ---- chat ----

const connected = (socket: Socket) =>
  new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', fail);
  });

async function acked<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const answer = (await socket.timeout(10_000).emitWithAck(event, payload)) as T & { ok?: boolean; error?: unknown };
  if (answer && typeof answer === 'object' && answer.ok === false) throw new Error(`${event}: ${JSON.stringify(answer.error)}`);
  return answer;
}

/** Sockets that send one event and wait for its ack, over and over: citizens in a chat, or echo clients. */
export interface Senders {
  sockets: Socket[];
  /** Sends the socket's next message and resolves when it is acknowledged (throws on `ok: false`). */
  send(socket: Socket, i: number): Promise<unknown>;
  /** Made ready for a run (before its clock starts). */
  prepare?(): Promise<void>;
  close(): void;
}

/**
 * `count` citizens on the backend at `base` (startChatApp), each in a conversation of its own that
 * an operator of that process has taken (start, handoff, take: a chat with a person, as in
 * bench/chat.ts); `send` is `chat:send` with a new clientId, stored and delivered to the
 * conversation's room (the citizen and the operator). Give each group on one process its own
 * `operatorName`: an operator's sockets all get the messages of every conversation taken by the name.
 * A conversation holds at most MAX_MESSAGES (server/chat/store.ts): a socket past half of it gets a
 * new conversation before the next run (`prepare`), or, when it gets near the end within a run, then.
 */
export async function chatCitizens(base: string, operatorToken: string, count: number, operatorName = 'Бенчмарк'): Promise<Senders> {
  const options = { transports: ['websocket'], forceNew: true, reconnection: false };
  const operator = io(`${base}${CHAT_OPERATOR_NAMESPACE}`, { ...options, auth: { token: operatorToken, operatorName } });
  await connected(operator);
  /** Messages sent in each socket's conversation. */
  const sent = new Map<Socket, number>();
  const converse = async (citizen: Socket) => {
    const { conversationId } = await acked<{ conversationId: string }>(citizen, CHAT_EVENTS.start, {
      startId: randomUUID(),
      kind: 'technical',
      summary: 'Бенчмарк',
      question: 'Не приходит код подтверждения',
      locale: 'ru',
    });
    await acked(citizen, CHAT_EVENTS.handoff, {});
    await acked(operator, CHAT_OPERATOR_EVENTS.take, { conversationId });
    sent.set(citizen, 0);
  };
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const citizen = io(`${base}${CHAT_NAMESPACE}`, options);
      sockets.push(citizen);
      await connected(citizen);
      await converse(citizen);
    }
  } catch (error) {
    for (const socket of [operator, ...sockets]) socket.close();
    throw error;
  }
  return {
    sockets,
    async send(socket, i) {
      if (sent.get(socket)! >= MAX_MESSAGES - 20) await converse(socket);
      sent.set(socket, sent.get(socket)! + 1);
      return acked(socket, CHAT_EVENTS.send, { clientId: randomUUID(), text: `Сообщение ${i}: проверка задержки` });
    },
    async prepare() {
      for (const socket of sockets) if (sent.get(socket)! > MAX_MESSAGES / 2) await converse(socket);
    },
    close: () => {
      for (const socket of [operator, ...sockets]) socket.close();
    },
  };
}

/** `count` sockets on a bare Socket.IO echo (startBareSocketIo), sending the chat's payload. */
export async function echoClients(base: string, count: number): Promise<Senders> {
  const sockets = Array.from({ length: count }, () => io(base, { transports: ['websocket'], forceNew: true, reconnection: false }));
  try {
    await Promise.all(sockets.map(connected));
  } catch (error) {
    for (const socket of sockets) socket.close();
    throw error;
  }
  return {
    sockets,
    send: (socket, i) => acked(socket, 'echo', { clientId: randomUUID(), text: `Сообщение ${i}: проверка задержки` }),
    close: () => {
      for (const socket of sockets) socket.close();
    },
  };
}

/**
 * Every socket of every group sends its next message as soon as the last one is acknowledged, for
 * `seconds`; per group, the acks that came within the time (per second) and their latencies
 * (what was still in flight at the end is awaited, not counted). Throws when an ack says `ok: false`.
 */
export async function sendRuns(groups: readonly Senders[], seconds: number): Promise<Run[]> {
  const start = performance.now();
  const end = start + seconds * 1000;
  const runs = groups.map(() => ({ acks: 0, latencies: [] as number[] }));
  let sent = 0;
  await Promise.all(
    groups.flatMap((group, g) =>
      group.sockets.map(async (socket) => {
        while (performance.now() < end) {
          const t0 = performance.now();
          await group.send(socket, sent++);
          const t1 = performance.now();
          if (t1 > end) break;
          runs[g]!.acks++;
          runs[g]!.latencies.push(t1 - t0);
        }
      }),
    ),
  );
  return runs.map((run) => ({ rps: run.acks / seconds, latencies: run.latencies }));
}

/** Chat sends (or echoes) from every socket of `groups` at once for `seconds`, combined. */
export async function measureSends(groups: readonly Senders[], seconds: number): Promise<Measurement> {
  for (const group of groups) await group.prepare?.();
  return combine(await sendRuns(groups, seconds));
}

/**
 * Waits until the processes are idle (under 5 % of a core for two 200 ms steps in a row; at most
 * `maxSeconds`): what a load left queued (lookups whose client has gone still run their scrypt)
 * must not fall into the next measurement. Returns the seconds waited.
 */
export async function settle(pids: readonly (number | undefined)[], maxSeconds = 15): Promise<number> {
  const began = performance.now();
  const used = () => [...cpuByPid(pids).values()].reduce((total, seconds) => total + seconds, 0);
  let quiet = 0;
  let last = used();
  while (quiet < 2 && performance.now() - began < maxSeconds * 1000) {
    await new Promise((done) => setTimeout(done, 200));
    const now = used();
    quiet = now - last < 0.01 ? quiet + 1 : 0;
    last = now;
  }
  return (performance.now() - began) / 1000;
}

/**
 * A process and its children (Linux): PostgreSQL's postmaster and its backends, one per pooled
 * connection, and its background workers. Read anew at each call (backends come and go).
 */
export function withChildren(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  const children = readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      // After the command: the parent's id is field 4 (1-based, man proc).
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
      return parent === pid ? [Number(entry)] : [];
    } catch {
      return []; // Gone meanwhile.
    }
  });
  return [pid, ...children];
}

/** CPU time of each process, seconds, by id (cpuSeconds; a process gone is left out). */
export function cpuByPid(pids: readonly (number | undefined)[]): Map<number, number> {
  const times = new Map<number, number>();
  for (const pid of pids) {
    const seconds = cpuSeconds(pid);
    if (pid !== undefined && seconds !== undefined) times.set(pid, seconds);
  }
  return times;
}

/**
 * The CPU time used between two cpuByPid readings: a process that appeared meanwhile counts from
 * zero (a new PostgreSQL backend); one that ended meanwhile is lost (rare: pooled connections stay).
 */
export function cpuUsedBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** CPU time (user + system, every thread) a process has used so far, seconds (Linux). */
export function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command: state is field 3, utime 14 and stime 15 (1-based, man proc).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process (Linux), MB. */
export function rssMb(pid: number | undefined): number | undefined {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : undefined;
  } catch {
    return undefined;
  }
}

