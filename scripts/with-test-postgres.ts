// Runs a command against a throwaway PostgreSQL: `tsx scripts/with-test-postgres.ts <command…>`.
// Starts one cluster (test/helpers/postgres.ts: Debian's binaries, a temp folder, a free port),
// runs the command with TEST_DATABASE=postgres and TEST_DATABASE_URL set (each test then makes a
// database of its own on it: test/server/support.ts), then stops and removes the cluster, and
// exits with the command's code. With TEST_DATABASE_URL already set, that server is used.
// The backend's migrations are applied once, to a template database named in
// TEST_DATABASE_TEMPLATE: each test's migrated database is a copy of it (createMigratedDatabase).
import { spawn } from 'node:child_process';
import { startTestPostgres } from '../test/helpers/postgres.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: tsx scripts/with-test-postgres.ts <command> [args…]');
  process.exit(2);
}
const postgres = await startTestPostgres();
let code = 1;
try {
  // A migration that fails here fails again in each test process, where the tests report it.
  const template = await postgres.migratedTemplate().catch((error: unknown) => {
    console.error(`with-test-postgres: no migrated template (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  });
  code = await new Promise<number>((resolve) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE: 'postgres', TEST_DATABASE_URL: postgres.adminUrl, ...(template ? { TEST_DATABASE_TEMPLATE: template } : {}) },
    });
    child.on('exit', (exitCode, signal) => resolve(signal ? 1 : (exitCode ?? 1)));
    child.on('error', () => resolve(1));
  });
} finally {
  await postgres.stop();
}
process.exit(code);
