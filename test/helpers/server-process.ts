import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A strong operator token for tests that run the server as a process of its own. */
export const PROCESS_OPERATOR_TOKEN = 'e2e-process-operator-token-3f9c1a7b5d2e';

export interface ServerProcess {
  url: string;
  /** Kills the process at once (SIGKILL: no shutdown, no goodbye to the sockets). */
  kill(): Promise<void>;
  /** Starts it again on the same port and database file. */
  restart(): Promise<void>;
  /** Kills it and removes its files. */
  stop(): Promise<void>;
}

/**
 * The reference backend as `npm start` runs it (compiled: build/server/main.js, after
 * `npm run build`), in a process of its own,
 * with a fresh SQLite file: for tests that kill and restart the server.
 */
export async function startServerProcess(): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'gs-process-'));
  let port = 0;
  let child: ChildProcess | undefined;

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--enable-source-maps', 'build/server/main.js'], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DB_PATH: join(dir, 'db.sqlite'),
          UPLOAD_DIR: join(dir, 'uploads'),
          OPERATOR_TOKEN: PROCESS_OPERATOR_TOKEN,
          LOG: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let output = '';
      const timer = setTimeout(() => reject(new Error(`the server printed no URL in 30 s:\n${output}`)), 30_000);
      proc.stdout!.on('data', (chunk: Buffer) => {
        output += chunk;
        const match = output.match(/Demo site:\s+http:\/\/[^:]+:(\d+)\//);
        if (match) {
          clearTimeout(timer);
          port = Number(match[1]);
          resolve();
        }
      });
      proc.stderr!.on('data', (chunk: Buffer) => (output += chunk));
      proc.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code}:\n${output}`));
      });
    });

  const kill = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };

  await launch();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    kill,
    restart: launch,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A server process started from the sources (`tsx server/main.ts`), killed after the test. */
export interface SourceServer {
  url: string;
  port: number;
  /** SIGKILL: no shutdown, no goodbye to the sockets. */
  kill(): Promise<void>;
}

/**
 * `server/main.ts` in a process of its own (no build needed), on port 0 of 127.0.0.1, with `env`
 * over the test's environment (LOG off): for server tests with several processes.
 */
export async function startSourceServer(t: { after(fn: () => unknown): void }, env: Record<string, string>): Promise<SourceServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  t.after(kill);
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server printed no URL in 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/Demo site:\s+http:\/\/[^:]+:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, port, kill };
}
