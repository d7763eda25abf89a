// A throwaway PostgreSQL for tests. With TEST_DATABASE_URL (a role allowed to CREATE DATABASE),
// that server is used; otherwise a cluster of its own is started from Debian's binaries
// (/usr/lib/postgresql/<version>/bin; `.ci/run` installs them when missing) in a temp folder, on
// a free port on 127.0.0.1, with fsync off (unless `durable`), and stopped and removed at the end. As root, the
// server runs as the `postgres` user (PostgreSQL refuses to run as root).
// Each `createDatabase()` gives a fresh, empty database: tests never see each other's rows.
// `createMigratedDatabase()` gives a fresh database with the backend's migrations applied: a copy
// (CREATE DATABASE … TEMPLATE) of one database migrated once, far quicker than migrating each one
// (scripts/with-test-postgres.ts migrates that template once for the whole run: TEST_DATABASE_TEMPLATE).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** The server's own URL (its `postgres` database), for a role that may CREATE DATABASE. */
  adminUrl: string;
  /** A new empty database; its URL. */
  createDatabase(): Promise<string>;
  /**
   * A new database with every migration of the backend (server/database/migrations/) applied, as
   * a server's first start leaves it; its URL. A copy of a template migrated once: the run's
   * (TEST_DATABASE_TEMPLATE on TEST_DATABASE_URL's server) or else this process's own.
   */
  createMigratedDatabase(): Promise<string>;
  /** The migrated template's name (made at the first call): for TEST_DATABASE_TEMPLATE. */
  migratedTemplate(): Promise<string>;
  /** Drops a database createDatabase made (by its URL), at once, whoever is still connected. */
  dropDatabase(url: string): Promise<void>;
  /** Drops the databases made here (on TEST_DATABASE_URL) or stops and removes the cluster. */
  stop(): Promise<void>;
  /** The postmaster's process id, when the cluster is this helper's own (not on TEST_DATABASE_URL). */
  pid?: number;
}

export interface TestPostgresOptions {
  /**
   * A cluster of its own with PostgreSQL's durable defaults (fsync, synchronous_commit and
   * full_page_writes on), as a production server runs: for the benchmarks. The tests leave them
   * off (faster; a crash of the test machine loses nothing that matters).
   */
  durable?: boolean;
}

/** The newest PostgreSQL binaries folder of Debian's packages, or undefined. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** Starts (or connects to) the test server; call `stop()` when done (an `after` hook). */
export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL?.trim();
  return external ? onServer(external, async () => {}) : startCluster(options);
}

/** Databases created on the server of `adminUrl` (named gs_test_<random>), dropped by stop(). */
function onServer(adminUrl: string, afterDrop: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const urlOf = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  let fileCopy: Promise<boolean> | undefined;
  const create = async (template?: string) => {
    const name = `gs_test_${randomBytes(6).toString('hex')}`;
    // A copy of the template: on a server with fsync off (the tests' own), STRATEGY FILE_COPY
    // (PostgreSQL 15+) copies its files rather than logging each page, quicker for these small
    // databases (its checkpoints cost little without fsync); elsewhere the server's default.
    fileCopy ??= admin(async (client) => {
      const { rows } = await client.query<{ ok: boolean }>(`SELECT current_setting('server_version_num')::int >= 150000 AND current_setting('fsync') = 'off' AS ok`);
      return rows[0]?.ok === true;
    });
    const copy = template ? ` TEMPLATE ${template}${(await fileCopy) ? ' STRATEGY FILE_COPY' : ''}` : '';
    await admin((client) => client.query(`CREATE DATABASE ${name}${copy}`));
    created.push(name);
    return name;
  };
  let template: Promise<string> | undefined;
  const migratedTemplate = () =>
    (template ??= (async () => {
      // The run's template, when it was made on this very server.
      const given = process.env.TEST_DATABASE_TEMPLATE?.trim();
      if (given && /^\w+$/.test(given) && adminUrl === process.env.TEST_DATABASE_URL?.trim()) return given;
      const name = await create();
      // Imported here: a cluster alone (the benchmarks' `durable` one) needs no backend code.
      const { openPostgres } = await import('../../server/db.js');
      // Migrated, then every connection closed: a database being copied must have none.
      await (await openPostgres(urlOf(name))).close();
      return name;
    })());
  return {
    adminUrl,
    async createDatabase() {
      return urlOf(await create());
    },
    async createMigratedDatabase() {
      return urlOf(await create(await migratedTemplate()));
    },
    migratedTemplate,
    async dropDatabase(url) {
      const name = new URL(url).pathname.slice(1);
      const index = created.indexOf(name);
      if (index < 0) return;
      created.splice(index, 1);
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
    async stop() {
      await admin(async (client) => {
        for (const name of created.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
      await afterDrop();
    },
  };
}

/** A port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startCluster({ durable = false }: TestPostgresOptions): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'No PostgreSQL for the tests: install Debian\'s postgresql package (apt-get install -y postgresql; .ci/run does) or set TEST_DATABASE_URL to a server where this role may CREATE DATABASE',
    );
  }
  const asRoot = process.getuid?.() === 0;
  /** Runs a PostgreSQL program, as `postgres` when we are root. */
  const run = (program: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, program), args, { stdio: 'pipe' });

  const dir = mkdtempSync(join(tmpdir(), 'gs-pg-'));
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  let running = false;
  const stopNow = () => {
    if (running) {
      running = false;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        // Already gone.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that ends without stop() (a crash, a failing before-hook) still stops it.
  process.once('exit', stopNow);
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'app', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fast}`;
      try {
        run('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '30', 'start']);
        running = true;
        break;
      } catch (error) {
        // Another process may have taken the port in between: try another one.
        if (attempt === 3) throw new Error(`PostgreSQL did not start: ${readLog(log)}`, { cause: error });
      }
    }
    const server = onServer(`postgres://app@127.0.0.1:${port}/postgres`, async () => {
      stopNow();
      process.removeListener('exit', stopNow);
    });
    // postmaster.pid: its first line is the server's process id.
    server.pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return server;
  } catch (error) {
    stopNow();
    process.removeListener('exit', stopNow);
    throw error;
  }
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '(no log)';
  }
}
