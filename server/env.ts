import type { BuildAppOptions } from './app.js';
import { DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from './http/connections.js';
import { normalizeOrigin } from './http/origins.js';
import { fromProjectRoot } from './project-root.js';
import { databaseTarget } from './database/target.js';
import { REPORT_MIN_GROUP_MAX, REPORT_MIN_GROUP_MIN } from '#protocol/report.js';

export interface ServerSettings {
  port: number;
  host: string;
  app: BuildAppOptions;
}

const fromRoot = fromProjectRoot;

/**
 * Reads the server's settings from environment variables (see docs/backend.md).
 * Relative paths are taken from the current directory; defaults from the project root.
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0–65535), got "${env.PORT}"`);
  }
  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => {
      try {
        return normalizeOrigin(origin);
      } catch (error) {
        throw new Error(`CORS_ORIGINS: ${(error as Error).message}`);
      }
    });
  let operatorSessionTtlMs: number | undefined;
  if (env.OPERATOR_SESSION_HOURS) {
    const hours = Number(env.OPERATOR_SESSION_HOURS);
    if (!(hours > 0 && hours <= 24 * 30)) {
      throw new Error(`OPERATOR_SESSION_HOURS must be a number of hours (over 0, at most 720), got "${env.OPERATOR_SESSION_HOURS}"`);
    }
    operatorSessionTtlMs = Math.round(hours * 3_600_000);
  }
  const connections = readConnectionLimits(env);
  let databaseBusyTimeoutMs: number | undefined;
  const busyText = env.DATABASE_BUSY_TIMEOUT_MS?.trim();
  if (busyText) {
    databaseBusyTimeoutMs = Number(busyText);
    if (!/^\d+$/.test(busyText) || !Number.isSafeInteger(databaseBusyTimeoutMs) || databaseBusyTimeoutMs < 1) {
      throw new Error(`DATABASE_BUSY_TIMEOUT_MS must be a whole number of milliseconds (at least 1), got "${env.DATABASE_BUSY_TIMEOUT_MS}"`);
    }
  }
  let publicReportMinGroup: number | undefined;
  const minGroupText = env.PUBLIC_REPORT_MIN_GROUP?.trim();
  if (minGroupText) {
    publicReportMinGroup = Number(minGroupText);
    if (!/^\d+$/.test(minGroupText) || publicReportMinGroup < REPORT_MIN_GROUP_MIN || publicReportMinGroup > REPORT_MIN_GROUP_MAX) {
      throw new Error(
        `PUBLIC_REPORT_MIN_GROUP must be a whole number of contacts from ${REPORT_MIN_GROUP_MIN} to ${REPORT_MIN_GROUP_MAX}, got "${env.PUBLIC_REPORT_MIN_GROUP}"`,
      );
    }
  }
  return {
    port,
    host: env.HOST || 'localhost',
    app: {
      dbPath: env.DB_PATH || fromRoot('data/gov-support.sqlite'),
      ...postgresUrl(env),
      ...(databaseBusyTimeoutMs !== undefined ? { databaseBusyTimeoutMs } : {}),
      configPath: env.WIDGET_CONFIG || fromRoot('demo/data/widget-config.json'),
      callbackSettingsPath: env.CALLBACK_SETTINGS || fromRoot('demo/data/callback-settings.json'),
      offices: {
        dataPath: env.OFFICES_DATA || fromRoot('demo/data/offices.json'),
        settingsPath: env.OFFICE_SETTINGS || fromRoot('demo/data/office-settings.json'),
      },
      corsOrigins,
      distDir: fromRoot('dist'),
      siteDir: fromRoot('demo/site'),
      logger: env.LOG !== '0',
      ...(env.OPERATOR_TOKEN ? { operatorToken: env.OPERATOR_TOKEN } : {}),
      ...(env.OPERATOR_TOKEN_DEMO === '1' ? { allowWeakOperatorToken: true } : {}),
      ...(env.SUPERVISOR_TOKEN ? { supervisorToken: env.SUPERVISOR_TOKEN } : {}),
      ...(env.OPERATORS_SEE_ALL_FIGURES === '1' ? { operatorsSeeAllFigures: true } : {}),
      ...(env.PUBLIC_REPORT === '1' ? { publicReport: true } : {}),
      ...(publicReportMinGroup !== undefined ? { publicReportMinGroup } : {}),
      ...(operatorSessionTtlMs !== undefined ? { operatorSessionTtlMs } : {}),
      ...(env.UPLOAD_DIR ? { uploadDir: env.UPLOAD_DIR } : {}),
      ...(env.REQUEST_NUMBER_FORMAT ? { requestNumberFormat: env.REQUEST_NUMBER_FORMAT } : {}),
      ...(env.TRUST_PROXY === '1' ? { trustProxy: true } : {}),
      ...(env.IDENTITY_SECRET ? { chat: { identitySecret: env.IDENTITY_SECRET } } : {}),
      ...(env.PUBLIC_URL?.trim() ? { publicUrl: env.PUBLIC_URL.trim() } : {}),
      ...connections,
    },
  };
}

/** HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, IDLE_TIMEOUT_MS, MAX_CONNECTIONS_PER_IP, SHUTDOWN_GRACE_MS: those set. */
function readConnectionLimits(
  env: NodeJS.ProcessEnv,
): Pick<BuildAppOptions, 'headersTimeoutMs' | 'requestTimeoutMs' | 'idleTimeoutMs' | 'maxConnectionsPerIp' | 'shutdownGraceMs'> {
  const read = (name: string, min: number, meaning: string): number | undefined => {
    const text = env[name]?.trim();
    if (!text) return undefined;
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
      throw new Error(`${name} must be ${meaning}, got "${env[name]}"`);
    }
    return value;
  };
  const ms = 'a whole number of milliseconds (at least 1)';
  const limits = {
    headersTimeoutMs: read('HEADERS_TIMEOUT_MS', 1, ms),
    requestTimeoutMs: read('REQUEST_TIMEOUT_MS', 1, ms),
    idleTimeoutMs: read('IDLE_TIMEOUT_MS', 1, ms),
    maxConnectionsPerIp: read('MAX_CONNECTIONS_PER_IP', 0, 'a whole number of connections (0 = no cap)'),
    shutdownGraceMs: read('SHUTDOWN_GRACE_MS', 0, 'a whole number of milliseconds'),
  };
  const headers = limits.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const request = limits.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (headers > request) {
    throw new Error(`HEADERS_TIMEOUT_MS (${headers}) must not exceed REQUEST_TIMEOUT_MS (${request})`);
  }
  const set: Partial<Record<keyof typeof limits, number>> = {};
  for (const [key, value] of Object.entries(limits) as [keyof typeof limits, number | undefined][]) {
    if (value !== undefined) set[key] = value;
  }
  return set;
}

/**
 * `DATABASE_URL`: a `postgres://…` URL puts the data in PostgreSQL; `sqlite:path` (or unset) keeps
 * it in the SQLite file (`DB_PATH` when DATABASE_URL is unset).
 */
function postgresUrl(env: NodeJS.ProcessEnv): { databaseUrl?: string; dbPath?: string } {
  const url = env.DATABASE_URL?.trim();
  if (!url) return {};
  let target;
  try {
    target = databaseTarget(url);
  } catch (error) {
    throw new Error(`DATABASE_URL: ${(error as Error).message}`);
  }
  return target.dialect === 'postgres' ? { databaseUrl: target.url } : { dbPath: target.path };
}

