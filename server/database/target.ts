/** Where the data lives: a SQLite file (or `:memory:`), or a PostgreSQL database. */
export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * The database a setting names: a `postgres://` or `postgresql://` URL is PostgreSQL; a
 * `sqlite:` URL (`sqlite:data/db.sqlite`, `sqlite:///abs/path`) or a plain path is a SQLite file.
 */
export function databaseTarget(location: string): DatabaseTarget {
  const value = location.trim();
  if (value === '') throw new Error('The database location is empty: give a file path or a postgres:// URL');
  if (POSTGRES_URL.test(value)) return { dialect: 'postgres', url: value };
  if (/^sqlite:/i.test(value)) {
    const path = value.replace(/^sqlite:(\/\/)?/i, '');
    if (path === '') throw new Error(`"${location}" names no SQLite file`);
    return { dialect: 'sqlite', path };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error(`Unsupported database URL "${value.replace(/\/\/[^@/]*@/, '//…@')}": use postgres://… or a SQLite file path`);
  }
  return { dialect: 'sqlite', path: value };
}

/**
 * The database of the environment: `DATABASE_URL` when set (PostgreSQL, or `sqlite:…`), else the
 * SQLite file `DB_PATH`, else `defaultPath`.
 */
export function databaseFromEnv(env: NodeJS.ProcessEnv, defaultPath: string): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) return databaseTarget(url);
  return { dialect: 'sqlite', path: env.DB_PATH || defaultPath };
}
