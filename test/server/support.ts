import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildApp, type BackendApp, type BuildAppOptions } from '../../server/app.js';
import { openDatabase } from '../../server/db.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SITE_DIR = join(ROOT, 'demo/site');
export const DEMO_CONFIG = join(ROOT, 'demo/data/widget-config.json');
export const FAKE_WIDGET = '/* fake widget for tests */ window.GovSupport = { configure() {} };\n';

/** A fresh folder in the OS temp dir, removed (after `cleanup`) when the test ends. */
export function tempDir(t: TestContext, cleanup?: () => unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'gov-support-test-'));
  t.after(async () => {
    await cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

export interface TestBackend extends BackendApp {
  /** The test's temp dir: db.sqlite and a fake dist/ with gov-support-widget.js. */
  dir: string;
  distDir: string;
  /** Where its data lives: the SQLite file, or on PostgreSQL the test's database URL. */
  databaseLocation: { dbPath: string; databaseUrl?: string };
}

/** Which database the server tests run on: `TEST_DATABASE=postgres` (scripts/with-test-postgres.ts) or SQLite. */
export const TEST_DATABASE: 'sqlite' | 'postgres' = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

let testPostgres: Promise<TestPostgres> | undefined;

/**
 * On PostgreSQL, a fresh database for one test (on TEST_DATABASE_URL's server, or a cluster this
 * test process starts) with the backend's migrations applied, as a server's first start leaves it
 * (a copy of a migrated template: test/helpers/postgres.ts), dropped when the process ends; on
 * SQLite, undefined (the test's temp file is used).
 */
export async function testDatabaseUrl(_t?: TestContext): Promise<string | undefined> {
  if (TEST_DATABASE !== 'postgres') return undefined;
  if (!testPostgres) {
    testPostgres = startTestPostgres();
    process.once('beforeExit', () => void testPostgres?.then((server) => server.stop()));
  }
  // Dropped when the test process ends (stop()), not after the test: a test's own clean-up may
  // still use a connection then (t.after hooks run in the order they were added).
  return (await testPostgres).createMigratedDatabase();
}

let sqliteTemplate: Promise<string> | undefined;

/**
 * A SQLite file with the backend's migrations applied, made once per test process (by the
 * backend's own openDatabase) and copied for each test: what a server's first start leaves,
 * without migrating again for every test. Fresh starts are still tested (migrations.test.ts, db.test.ts).
 */
function migratedSqliteFile(): Promise<string> {
  return (sqliteTemplate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gov-support-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'db.sqlite');
    // Closed: the WAL checkpointed into the file and removed, so the file alone is the database.
    await (await openDatabase(path)).close();
    return path;
  })());
}

/** buildApp on a temp DB and a fake dist/, with the demo site and demo config; closed after the test. */
export async function startBackend(t: TestContext, overrides: Partial<BuildAppOptions> = {}): Promise<TestBackend> {
  let backend: BackendApp | undefined;
  // Apps on the same database (startSecondBackend) close first, before its database goes.
  const companions: BackendApp[] = [];
  const dir = tempDir(t, async () => {
    for (const companion of companions) await companion.close();
    await backend?.close();
  });
  const distDir = join(dir, 'dist');
  mkdirSync(distDir);
  writeFileSync(join(distDir, 'gov-support-widget.js'), FAKE_WIDGET);
  const databaseUrl = overrides.databaseUrl ?? (await testDatabaseUrl(t));
  const databaseLocation = { dbPath: overrides.dbPath ?? join(dir, 'db.sqlite'), ...(databaseUrl ? { databaseUrl } : {}) };
  if (!databaseUrl && overrides.dbPath === undefined) copyFileSync(await migratedSqliteFile(), databaseLocation.dbPath);
  backend = await buildApp({
    ...databaseLocation,
    configPath: DEMO_CONFIG,
    corsOrigins: [],
    distDir,
    siteDir: SITE_DIR,
    ...overrides,
  });
  const started = { ...backend, dir, distDir, databaseLocation };
  companionsOf.set(started, companions);
  return started;
}

const companionsOf = new WeakMap<TestBackend, BackendApp[]>();

/**
 * A second app on the same database as `first` (another server process, in this one): what one
 * stores, the other sees. Same options as startBackend; closed after the test.
 */
export async function startSecondBackend(t: TestContext, first: TestBackend, overrides: Partial<BuildAppOptions> = {}): Promise<TestBackend> {
  const backend = await buildApp({
    ...first.databaseLocation,
    uploadDir: join(first.dir, 'uploads'),
    configPath: DEMO_CONFIG,
    corsOrigins: [],
    distDir: first.distDir,
    siteDir: SITE_DIR,
    ...overrides,
  });
  const companions = companionsOf.get(first);
  if (companions) companions.push(backend);
  else t.after(() => backend.close());
  return { ...backend, dir: first.dir, distDir: first.distDir, databaseLocation: first.databaseLocation };
}

/** Every rate limit of `buildApp({ rateLimits })` far above what a test sends. */
export const NO_RATE_LIMITS = Object.fromEntries(
  [
    'uploadsPerIp',
    'requestsPerIp',
    'requestsPerPhone',
    'requestsPerEmail',
    'lookupFailuresPerIp',
    'lookupFailuresPerNumber',
    'callbacksPerIp',
    'callbacksPerPhone',
    'bookingsPerIp',
    'bookingsPerPhone',
    'surveysPerIp',
  ].map((name) => [name, { limit: 100_000, windowMs: 60 * 60_000 }]),
) as NonNullable<BuildAppOptions['rateLimits']>;

/** An operator API call with the Bearer `token`, recorded under `name` (`X-Operator-Name`). */
export function operatorCall(app: TestBackend['app'], token: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, name = 'Петров П.') {
  return app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, 'x-operator-name': encodeURIComponent(name) },
    ...(payload ? { payload } : {}),
  });
}

/** Contains a Cyrillic letter: the message is in Russian, not zod's English default. */
export const RUSSIAN = /[А-Яа-яЁё]/;

/** A Monday in 2026 (12:00 in Moscow): the fixed clock of the request tests. */
export const FIXED_NOW = Date.UTC(2026, 2, 2, 9, 0, 0);

/** A clock the test can move. */
export function testClock(start = FIXED_NOW): { now: () => number; set(at: number): void; advance(ms: number): void } {
  let at = start;
  return {
    now: () => at,
    set: (value) => {
      at = value;
    },
    advance: (ms) => {
      at += ms;
    },
  };
}

/** A valid СНИЛС and ИНН (check digits right), and the same with a wrong last digit. */
export const SNILS = '112-233-445 95';
export const INN = '500100732259';
export const BAD_SNILS = '112-233-445 96';
export const BAD_INN = '500100732258';

/** A request body every rule accepts (a technical question answered by e-mail). */
export function validRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'technical',
    fullName: 'Иванова Мария Петровна',
    phone: '8 (912) 345-67-89',
    email: 'maria.ivanova\u0040example.ru',
    answerChannel: 'email',
    description: 'Не открывается страница оплаты госпошлины, появляется ошибка 500.',
    consent: true,
    ...overrides,
  };
}

/** A valid fraud report with its incident date, time and links. */
export function validFraudReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return validRequest({
    type: 'fraud',
    answerChannel: 'sms',
    incidentDate: '2026-03-01',
    incidentTime: '14:30',
    links: ['https://gosuslugi-oplata.example/pay', 'http://t.me/fake_support'],
    description: 'Позвонили от имени службы поддержки и попросили назвать код из SMS.',
    ...overrides,
  });
}

/** Leading bytes of files of each kind. */
export const FILES = {
  pdf: Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), Buffer.alloc(2048, 0x20)]),
  jpg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(4096, 0x11)]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(1024, 0x22)]),
  exe: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(4096, 0x00)]),
};

/** `POST /uploads` of `bytes` named `name`, through inject. */
export function upload(app: TestBackend['app'], bytes: Buffer, name: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/uploads',
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), ...headers },
    payload: bytes,
  });
}

let keyCounter = 0;
/** A fresh Idempotency-Key. */
export function newKey(): string {
  keyCounter++;
  return `test-key-${process.pid}-${keyCounter}-${Math.random().toString(36).slice(2, 10)}`;
}

/** `POST /requests` with a fresh (or the given) Idempotency-Key, through inject. */
export function submit(app: TestBackend['app'], body: unknown, key: string | null = newKey(), headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/requests',
    headers: { ...(key === null ? {} : { 'idempotency-key': key }), ...headers },
    payload: body as Record<string, unknown>,
  });
}

/**
 * A callback body every rule accepts: a slot at 12:30 Moscow time on FIXED_NOW's day (the first
 * one bookable at FIXED_NOW with the default lead of 30 minutes).
 */
export function validCallback(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    phone: '+7 (912) 345-67-89',
    name: 'Анна Петровна',
    topic: 'technical',
    asap: false,
    slotStart: '2026-03-02T09:30:00.000Z',
    consent: true,
    ...overrides,
  };
}

/** `POST /callbacks` with a fresh (or the given) Idempotency-Key, through inject. */
export function bookCallback(app: TestBackend['app'], body: unknown, key: string | null = newKey(), headers: Record<string, string> = {}, remoteAddress?: string) {
  return app.inject({
    method: 'POST',
    url: '/callbacks',
    headers: { ...(key === null ? {} : { 'idempotency-key': key }), ...headers },
    payload: body as Record<string, unknown>,
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

/**
 * A visit booking body every rule accepts: a passport visit at msk-tverskoy at 13:00 Moscow time
 * on FIXED_NOW's day (the first slot bookable at FIXED_NOW with the default lead of 60 minutes).
 */
export function validBooking(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    service: 'passport',
    slotStart: '2026-03-02T10:00:00.000Z',
    name: 'Анна Петровна',
    phone: '+7 (912) 345-67-89',
    consent: true,
    ...overrides,
  };
}

/** `POST /offices/:office/bookings` with a fresh (or the given) Idempotency-Key, through inject. */
export function bookVisit(
  app: TestBackend['app'],
  body: unknown,
  office = 'msk-tverskoy',
  key: string | null = newKey(),
  remoteAddress?: string,
) {
  return app.inject({
    method: 'POST',
    url: `/offices/${office}/bookings`,
    headers: key === null ? {} : { 'idempotency-key': key },
    payload: body as Record<string, unknown>,
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}
