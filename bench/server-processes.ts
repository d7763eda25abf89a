/**
 * What the server benchmarks share: the reference backend and a bare fastify, each in a process
 * of its own; one autocannon run with its p95; a process's resident memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';

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
  start(from === 'compiled' ? [...nodeArgs, '--enable-source-maps', compiledServer()] : [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    PORT: '0',
    HOST: '127.0.0.1',
    DB_PATH: join(dir, 'db.sqlite'),
    UPLOAD_DIR: join(dir, 'uploads'),
    OPERATOR_TOKEN: `bench-${randomBytes(24).toString('base64url')}`,
    LOG: '0',
    ...env,
  }, /Demo site:\s+http:\/\/[^:]+:(\d+)\//);

/** A bare fastify answering `GET /hello` (bench/bare-fastify.ts): the floor of the same run. */
export const startBare = () => start(['--import', 'tsx', 'bench/bare-fastify.ts'], {}, /listening on (\d+)/);

export interface Measurement {
  rps: number;
  p95: number;
  mean: number;
}

/** One autocannon run; p95 from every response's latency. Throws on errors or non-2xx answers. */
export function measure(url: string, seconds: number, connections: number): Promise<Measurement> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, timeout: 10 }, (error, result: Result) => {
      if (error) return reject(error);
      if (result.errors > 0 || result.non2xx > 0) {
        return reject(new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)})`));
      }
      const sorted = Float64Array.from(latencies).sort();
      resolve({ rps: result.requests.average, p95: quantile(sorted, 0.95), mean: result.latency.average });
    });
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
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

