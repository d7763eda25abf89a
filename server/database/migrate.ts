import { DEFAULT_MIGRATION_TABLE, Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';

/** The table of the runner before Kysely (version, name, applied_at): SQLite files made by it. */
const LEGACY_TABLE = 'schema_migrations';

/**
 * Migrations from code (no folder scan). Those a legacy runner already applied keep their name
 * but do nothing: Kysely records them as applied without running them again.
 */
class CodeMigrationProvider implements MigrationProvider {
  constructor(
    private readonly migrations: Readonly<Record<string, Migration>>,
    private readonly adopted: ReadonlySet<string>,
  ) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, migration] of Object.entries(this.migrations)) {
      out[name] = this.adopted.has(name) ? { up: async () => {} } : migration;
    }
    return out;
  }
}

/**
 * The names (`NNN_name`) the pre-Kysely runner recorded in `schema_migrations` (a SQLite file of
 * an existing installation), or none. Each must be one of `migrations`: a file migrated by a
 * newer server is refused rather than half understood.
 */
async function legacyApplied(db: Kysely<any>, migrations: Readonly<Record<string, Migration>>): Promise<Set<string>> {
  const tables = await db.introspection.getTables();
  if (!tables.some((table) => table.name === LEGACY_TABLE)) return new Set();
  const rows: { version: number; name: string }[] = await db.selectFrom(LEGACY_TABLE).select(['version', 'name']).execute();
  const names = rows.map((row) => `${String(row.version).padStart(3, '0')}_${row.name}`);
  const unknown = names.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new Error(`The database records migrations this server does not know (${unknown.join(', ')} in ${LEGACY_TABLE}): is it newer than this server?`);
  }
  return new Set(names);
}

/**
 * Applies every pending migration, in name order, in one transaction (on SQLite an IMMEDIATE one:
 * of two processes starting at once on one file, one migrates and the other, having waited for
 * the lock, finds nothing to do; on PostgreSQL an advisory lock does the same). A failure rolls
 * the whole run back and is thrown with the failing migration's name. A database migrated by the
 * runner before Kysely (`schema_migrations`) is adopted: its migrations are recorded, not re-run.
 * Returns the names applied by this call.
 */
export async function migrateToLatest(db: Kysely<any>, migrations: Readonly<Record<string, Migration>> = MIGRATIONS): Promise<string[]> {
  const adopted = await legacyApplied(db, migrations);
  const migrator = new Migrator({ db, provider: new CodeMigrationProvider(migrations, adopted) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `Migration ${failed} failed: ${reason}` : `Migrations failed: ${reason}`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Applied migrations (`kysely_migration`), by name, in name order. */
export async function appliedMigrations(db: Kysely<any>): Promise<{ name: string; timestamp: string }[]> {
  return db.selectFrom(DEFAULT_MIGRATION_TABLE).select(['name', 'timestamp']).orderBy('name').execute();
}

/** Whether every migration of `migrations` is recorded as applied: what `/ready` reports. */
export async function migrationState(db: Kysely<any>, migrations: Readonly<Record<string, Migration>> = MIGRATIONS): Promise<'applied' | 'pending'> {
  const applied = new Set((await appliedMigrations(db)).map((row) => row.name));
  return Object.keys(migrations).every((name) => applied.has(name)) ? 'applied' : 'pending';
}
