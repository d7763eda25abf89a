// Moves an existing installation's data from its SQLite file into PostgreSQL (docs/deployment.md,
// «From SQLite to PostgreSQL»):
//   node build/server/copy-to-postgres.js data/gov-support.sqlite postgres://user:password@host/db
// (or `npm run db:copy-to-postgres -- <file> <url>`). Stop the server first. Both databases are
// migrated to this version first; the target must be new and empty; the copy is one transaction.
import { existsSync } from 'node:fs';
import { openDatabase, openPostgres } from './db.js';
import { copyDatabase } from './database/copy.js';

const [file, url] = process.argv.slice(2);
if (!file || !url || !/^postgres(ql)?:\/\//i.test(url)) {
  console.error('usage: copy-to-postgres <SQLite file> <postgres://user:password@host:port/database>');
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`No SQLite file at ${file}`);
  process.exit(2);
}
const source = await openDatabase(file);
let target;
try {
  target = await openPostgres(url);
  const report = await copyDatabase(source.kysely, target.kysely, (line) => console.log(`  ${line}`));
  const total = Object.values(report.rows).reduce((sum, n) => sum + n, 0);
  console.log(`Copied ${total} rows from ${file}. Start the server with DATABASE_URL set to the new database.`);
} catch (error) {
  console.error(`The copy failed, nothing was written: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await target?.close();
  await source.close();
}
