import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fastifyCors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Server } from 'socket.io';
import { CALLBACK_NUMBER, CALLBACK_STATUSES } from '#protocol/callback.js';
import type { WeeklyHours } from '#protocol/config.js';
import type { RequestType } from '#protocol/request.js';
import { createCallbackCalendar } from './callbacks/calendar.js';
import { registerOperatorCallbackRoutes } from './callbacks/operator-routes.js';
import { registerCallbackRoutes } from './callbacks/routes.js';
import { createCallbackService } from './callbacks/service.js';
import {
  DEFAULT_CALLBACK_RATE_LIMITS,
  callbackHours,
  loadCallbackSettings,
  type CallbackRateLimitSettings,
  type CallbackSettings,
} from './callbacks/settings.js';
import { createCallbackStore, type CallbackRow } from './callbacks/store.js';
import { CALLBACK_STATUS_PREFIX } from './callbacks/views.js';
import { finishedContacts as finishedCallbacks } from './callbacks/index.js';
import { finishedContacts as finishedChats } from './chat/index.js';
import { finishedContacts as finishedVisits } from './offices/index.js';
import { finishedContacts as finishedRequests } from './status/index.js';
import { parsePublicUrl } from './surveys/messages.js';
import { registerSurveyRoutes } from './surveys/routes.js';
import { createSurveyService, type SurveyService } from './surveys/service.js';
import { DEFAULT_SURVEY_RATE_LIMITS, type SurveyRateLimitSettings } from './surveys/settings.js';
import { createSurveyStore } from './surveys/store.js';
import { surveyFacts } from './surveys/facts.js';
import { sharedSurveyAnswers } from './surveys/shared-answers.js';
import { createSurveyTokens, loadSurveySecret } from './surveys/token.js';
import { createAlertEvaluator, parseConsoleUrl, registerAlertRoutes, type AlertEvaluator } from './alerts/index.js';
import type { ChatService } from './chat/service.js';
import { registerChat, type ChatOptions } from './chat/setup.js';
import { loadWidgetConfig, toConfigResponse } from './config.js';
import { registerFiguresRoutes } from './figures/routes.js';
import { createFiguresService } from './figures/service.js';
import { REPORT_MIN_GROUP_DEFAULT, REPORT_MIN_GROUP_MAX, REPORT_MIN_GROUP_MIN } from '#protocol/report.js';
import { DEFAULT_REPORT_PAGE_DIR, registerReportPage } from './report/page.js';
import { registerReportOff, registerReportRoutes } from './report/routes.js';
import { createReportService } from './report/service.js';
import { createReportStore } from './report/store.js';
import { openDatabase, openPostgres, type OpenedDatabase } from './db.js';
import { defaultFaqAssistant, defaultFaqIndex } from './knowledge-base/assistant.js';
import { registerFaqRoutes } from './knowledge-base/routes.js';
import { HttpError, errorServerOptions, installErrorHandling } from './http/errors.js';
import { exemptFromIdleTimeout, limitConnectionsPerIp, resolveConnectionLimits, serverTimeouts } from './http/connections.js';
import { createOriginPolicy } from './http/origins.js';
import { createFailureLimiter } from './http/failure-limits.js';
import { createRateLimiter, createSharedLimits } from './http/shared-limits.js';
import { createOutboxNotifier, type Notifier } from './notify/notifier.js';
import { createOfficeCalendars } from './offices/calendar.js';
import { loadOfficeDataset } from './offices/dataset.js';
import { registerOperatorBookingRoutes } from './offices/operator-routes.js';
import { registerOfficeRoutes } from './offices/routes.js';
import { createOfficeDirectory } from './offices/service.js';
import {
  DEFAULT_BOOKING_RATE_LIMITS,
  checkOfficeSettings,
  loadOfficeSettings,
  type BookingRateLimitSettings,
  type OfficeSettingsInput,
} from './offices/settings.js';
import { createOfficeStore } from './offices/store.js';
import { DEFAULT_SESSION_TTL_MS, createOperatorAuth } from './operator/auth.js';
import { createOperatorSessionStore } from './operator/session-store.js';
import { registerOperatorRoutes } from './operator/routes.js';
import { operatorTokenWeakness, weakOperatorTokenMessage } from './operator/token-strength.js';
import type { WorkingLine } from './scheduling/working-time.js';
import { MOSCOW } from './time.js';
import { SOCKET_PATH, closeRealtime, createRealtime, realtimeReady } from './realtime.js';
import { parseNumberFormat } from './requests/numbering.js';
import { registerRequestRoutes } from './requests/routes.js';
import {
  DEFAULT_REQUEST_NUMBER_FORMAT,
  resolveAnswerPromises,
  resolveRateLimits,
  type AnswerPromise,
  type RateLimitSettings,
} from './requests/settings.js';
import { REGISTERED, createRequestStore } from './requests/store.js';
import { registerSystemRoutes } from './routes/system.js';
import { DEFAULT_STATUS_RATE_LIMITS, type StatusRateLimitSettings } from './status/limits.js';
import { createStatusLookup } from './status/lookup.js';
import { registerOperatorRequestRoutes } from './status/operator-routes.js';
import { registerStatusRoutes } from './status/routes.js';
import { attachStatusWatch } from './status/socket-watch.js';
import { createStatusStore, statusVocabulary } from './status/store.js';
import { createStatusPublisher } from './status/fan-out.js';
import { DEFAULT_KEEP_ALIVE_MS, DEFAULT_MAX_STREAMS_PER_IP, createWatchHub } from './status/watch-hub.js';
import { DEFAULT_WATCH_TOKEN_TTL_MS, createWatchTokens, loadWatchSecret } from './status/watch-token.js';
import { DEFAULT_CONSOLE_DIR, registerOperatorConsole } from './operator/console.js';
import { DIST_PREFIX, registerStatic } from './static.js';
import { registerUploadRoutes } from './uploads/routes.js';
import { createUploadStore, prepareUploadDir, purgeStaleUploads } from './uploads/store.js';

/** How long the start waits for Socket.IO's PostgreSQL adapter to listen. */
const REALTIME_READY_TIMEOUT_MS = 10_000;

export interface BuildAppOptions {
  /**
   * SQLite file (created with its folder if missing), or ':memory:'. The uploads folder's default
   * is beside it, also when the data lives in PostgreSQL (`databaseUrl`).
   */
  dbPath: string;
  /**
   * PostgreSQL (`postgres://user:password@host:port/database`, `DATABASE_URL`): when given, the
   * data lives there and `dbPath` names no database.
   */
  databaseUrl?: string;
  /**
   * How long a statement waits for a lock held by another connection or process
   * (`DATABASE_BUSY_TIMEOUT_MS`, default 5000 ms); past it the API answers 503 with Retry-After.
   */
  databaseBusyTimeoutMs?: number;
  /** Widget configuration JSON (validated with WidgetConfig); absent = all defaults. */
  configPath?: string | URL;
  /** Other sites allowed to call the API and open sockets (`https://portal.example`). */
  corsOrigins: string[];
  /** The built widget, served at /dist/. */
  distDir: string;
  /** The demo host pages, served at /. */
  siteDir: string;
  /**
   * The built operator console, served at /operator/ only (default: build/operator/, where
   * `npm run build` writes it). Must not be inside distDir or siteDir.
   */
  consoleDir?: string;
  /**
   * Fastify's request log: `true` for stdout, or a stream of its own (tests); off unless asked
   * for. Request bodies are never logged.
   */
  logger?: boolean | LogDestination;
  /**
   * The operator token (`OPERATOR_TOKEN`): logs in to the operator console and works as a Bearer
   * token for scripts. Absent = a random one is generated (see `BackendApp.operatorToken`).
   * A given one must pass the strength rule of operator/token-strength.ts (≥ 32 characters that
   * look random), or buildApp throws, unless `allowWeakOperatorToken`.
   */
  operatorToken?: string;
  /**
   * The supervisor token (`SUPERVISOR_TOKEN`): logs in as a supervisor, who sees every operator's
   * figures. Absent = no supervisors. Same strength rule as `operatorToken`; must differ from it.
   */
  supervisorToken?: string;
  /** Operators see every operator's figures too, not only their own (`OPERATORS_SEE_ALL_FIGURES=1`). */
  operatorsSeeAllFigures?: boolean;
  /**
   * The public report (`PUBLIC_REPORT=1`): the page /report/ and `GET /report/months[/:month]`
   * with each finished month's figures per channel. Off by default: those paths answer 404.
   */
  publicReport?: boolean;
  /** The public report suppresses groups of fewer contacts or answers (`PUBLIC_REPORT_MIN_GROUP`, default 10, 3–1000). */
  publicReportMinGroup?: number;
  /** The built report page, served at /report/ (default: build/report/, where `npm run build` puts it). */
  reportPageDir?: string;
  /** Accept a weak `operatorToken` with a warning in the log: demos only (`OPERATOR_TOKEN_DEMO=1`). */
  allowWeakOperatorToken?: boolean;
  /** How long an operator session is valid after login (default 8 hours). */
  operatorSessionTtlMs?: number;
  /**
   * Uploaded files (never served). Default: `uploads/` next to the database file
   * (a temporary folder, removed on close, for ':memory:'). Must not be inside distDir or siteDir.
   */
  uploadDir?: string;
  /** The clock (ms since the epoch): request dates, numbers, due dates, rate limits. Default Date.now. */
  now?: () => number;
  /** Where registration messages go; default: the `notification_outbox` table. */
  notifier?: Notifier;
  /**
   * The site page with the widget (`PUBLIC_URL`, http or https): the survey's link in e-mails and
   * SMS leads there (`#gs-survey=<token>`). Absent: surveys are made and shown in the widget's views,
   * but no message carries their link.
   */
  publicUrl?: string;
  /**
   * The operator console's address (http or https) for the supervisor's alert e-mails; absent:
   * `/operator/` at PUBLIC_URL's origin, or, without either, the e-mails name the path only.
   */
  consoleUrl?: string;
  /** Request numbers: `{year}-{seq:6}` unless stated (see requests/numbering.ts). */
  requestNumberFormat?: string;
  /** When the answer is due, per request type (defaults in requests/settings.ts). */
  answerPromises?: Partial<Record<RequestType, AnswerPromise>>;
  /**
   * Rate limits of uploads and requests (defaults in requests/settings.ts), of failed status
   * lookups and operator logins (defaults in status/limits.ts), of callback bookings
   * (defaults in callbacks/settings.ts) and of office visit bookings (defaults in offices/settings.ts).
   */
  rateLimits?: Partial<RateLimitSettings & StatusRateLimitSettings & CallbackRateLimitSettings & BookingRateLimitSettings & SurveyRateLimitSettings>;
  /**
   * The callback settings file (`CALLBACK_SETTINGS`, demo: demo/data/callback-settings.json),
   * validated at start; absent = the defaults of callbacks/settings.ts.
   */
  callbackSettingsPath?: string | URL;
  /** Callback settings over those of the file (tests). The line's hours are `channels.callback.hours` of the widget config. */
  callback?: Partial<CallbackSettings>;
  /**
   * Offices «Мои документы»: the dataset (`OFFICES_DATA`; default: the demo set
   * offices/offices.demo.json), the settings file (`OFFICE_SETTINGS`; absent = the defaults of
   * offices/settings.ts) and settings over the file's (tests). Both are validated at start.
   */
  offices?: { dataPath?: string | URL; settingsPath?: string | URL; settings?: OfficeSettingsInput };
  /** Behind a reverse proxy: take the client IP from X-Forwarded-For (for rate limits). */
  trustProxy?: boolean;
  /** How long the `watchToken` of a status lookup is valid (default 12 hours). */
  watchTokenTtlMs?: number;
  /** How often an open status stream gets a `: keep-alive` comment (default 25 s). */
  watchKeepAliveMs?: number;
  /** Open status streams (`GET /requests/watch`) per client IP (default 20). */
  watchStreamsPerIp?: number;
  /**
   * The request line and headers must arrive within this long of the request's first byte, or
   * the connection gets 408 and is closed (`HEADERS_TIMEOUT_MS`, default 10 s). At most
   * `requestTimeoutMs`.
   */
  headersTimeoutMs?: number;
  /**
   * The whole request, body included, must arrive within this long (`REQUEST_TIMEOUT_MS`,
   * default 120 s: a 5 MB upload at ~45 KB/s). Long-lived answers (status streams) are not
   * concerned: it ends when the request has arrived.
   */
  requestTimeoutMs?: number;
  /**
   * A connection without a byte either way for this long is closed, in a request or between
   * keep-alive requests (`IDLE_TIMEOUT_MS`, default 30 s; Node adds 1 s between requests).
   * Status streams and Socket.IO (long polls, WebSockets) are exempt: they have keep-alives of
   * their own.
   */
  idleTimeoutMs?: number;
  /**
   * Open connections per remote address of the socket, beyond which new ones are closed at once
   * (`MAX_CONNECTIONS_PER_IP`; 0 = no cap). Default 100, or no cap with `trustProxy`, since then
   * every connection comes from the proxy (limit clients there, e.g. nginx `limit_conn`).
   */
  maxConnectionsPerIp?: number;
  /**
   * Graceful shutdown (`close()`, SIGTERM): `/ready` answers 503 at once, the server stops
   * accepting connections, idle keep-alive connections close, sockets are told to reconnect
   * (to another process behind the proxy), status streams end (browsers reconnect), and requests
   * in flight finish — for at most this long, after which the remaining connections are cut
   * (`SHUTDOWN_GRACE_MS`, default 10 s).
   */
  shutdownGraceMs?: number;
  /**
   * The online chat (Socket.IO namespaces `/chat` and `/chat-operator`, chat/setup.ts): its
   * virtual assistant (default: the FAQ's, knowledge-base/assistant.ts), settings, limits and timeouts.
   */
  chat?: ChatOptions;
}

/** A log stream of one's own, e.g. to capture the log in a test. */
export interface LogDestination {
  stream: { write(line: string): void };
  level?: string;
}

/** Unattached uploads and idempotency keys are kept this long. */
export const RETENTION_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** How often missing surveys are made (visits whose time has passed, recordings that failed). */
const SURVEY_SWEEP_EVERY_MS = 60 * 1000;
/** How often the supervisor's alert rules are looked at. */
const ALERT_SWEEP_EVERY_MS = 60 * 1000;

/**
 * Never in the log, should anything ever put it there: bodies, credentials, and the personal
 * numbers of a request.
 */
export const LOG_REDACT = [
  'body',
  'req.body',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'snils',
  'inn',
  '*.snils',
  '*.inn',
];

/** Query parameters that are credentials (the watch token of `GET /requests/watch`). */
const SECRET_QUERY = /([?&]token=)[^&#]*/gi;

/** A URL as logged: secrets in its query string hidden. */
export const loggedUrl = (url: string) => url.replace(SECRET_QUERY, '$1[скрыто]');

/** Fastify's request serializer, with `loggedUrl`. */
function serializeRequest(request: FastifyRequest) {
  const version = request.headers?.['accept-version'];
  return {
    method: request.method,
    url: loggedUrl(request.url),
    version: Array.isArray(version) ? version[0] : version,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

function loggerOptions(logger: BuildAppOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const redact = { paths: LOG_REDACT, censor: '[скрыто]' };
  const serializers = { req: serializeRequest };
  if (logger === true) return { redact, serializers };
  return { level: logger.level ?? 'info', stream: logger.stream, redact, serializers };
}

export interface BackendApp {
  app: FastifyInstance;
  /** Socket.IO on the same HTTP server, at /socket.io. */
  io: Server;
  /** The data: Kysely over SQLite or PostgreSQL (and, on SQLite, the raw connection). */
  database: OpenedDatabase;
  /** The operator token in force: the given one, or the one generated at start. */
  operatorToken: string;
  /** The online chat's service (see chat/service.ts). */
  chat: ChatService;
  /** The surveys of finished contacts (surveys/service.ts): `sweep()` runs every minute. */
  surveys: SurveyService;
  /** The supervisor's alerts (alerts/evaluator.ts): `sweep()` runs every minute. */
  alerts: AlertEvaluator;
  /**
   * Shuts down gracefully (see `shutdownGraceMs`): sockets reconnect elsewhere, requests in flight
   * finish, then the HTTP server stops and the database closes. Safe to call twice.
   */
  close(): Promise<void>;
}

const API_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Builds the reference backend without listening: call `app.listen()` to serve, or `app.inject()`
 * to test. Routes may still be added until the app is ready. Throws when the widget configuration
 * is invalid, naming each bad field.
 */
/** How long a stopping process lets requests in flight finish (`shutdownGraceMs`). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export async function buildApp(options: BuildAppOptions): Promise<BackendApp> {
  const startedAt = performance.now();
  const now = options.now ?? Date.now;
  const config = toConfigResponse(loadWidgetConfig(options.configPath));
  const policy = createOriginPolicy(options.corsOrigins);
  const numberFormat = parseNumberFormat(options.requestNumberFormat ?? DEFAULT_REQUEST_NUMBER_FORMAT);
  const answerPromises = resolveAnswerPromises(options.answerPromises);
  const rateLimits = resolveRateLimits(options.rateLimits);
  const statusLimits: StatusRateLimitSettings = { ...DEFAULT_STATUS_RATE_LIMITS, ...pick(options.rateLimits, DEFAULT_STATUS_RATE_LIMITS) };
  const callbackLimits: CallbackRateLimitSettings = { ...DEFAULT_CALLBACK_RATE_LIMITS, ...pick(options.rateLimits, DEFAULT_CALLBACK_RATE_LIMITS) };
  const bookingLimits: BookingRateLimitSettings = { ...DEFAULT_BOOKING_RATE_LIMITS, ...pick(options.rateLimits, DEFAULT_BOOKING_RATE_LIMITS) };
  const surveyLimits: SurveyRateLimitSettings = { ...DEFAULT_SURVEY_RATE_LIMITS, ...pick(options.rateLimits, DEFAULT_SURVEY_RATE_LIMITS) };
  const publicUrl = options.publicUrl ? parsePublicUrl(options.publicUrl) : undefined;
  // The callback line: its settings and its calendar in the hours of the callback channel.
  const callbackSettings = loadCallbackSettings(options.callbackSettingsPath, options.callback);
  const calendar = createCallbackCalendar(callbackHours(config.channels.callback.hours), callbackSettings);
  if ([1, 1234, 123_456_789].some((seq) => CALLBACK_NUMBER.test(numberFormat.format(2026, seq)))) {
    throw new Error(`REQUEST_NUMBER_FORMAT "${numberFormat.source}" would give numbers like callbacks (CB-2026-000001): choose another`);
  }
  // Offices: the dataset and the booking settings, checked against each other.
  const officeData = loadOfficeDataset(options.offices?.dataPath);
  const officeSettings = loadOfficeSettings(options.offices?.settingsPath, options.offices?.settings);
  checkOfficeSettings(officeSettings, officeData);
  const connectionLimits = resolveConnectionLimits(options, options.trustProxy);
  const operatorToken = options.operatorToken || randomBytes(32).toString('base64url');
  const tokenWeakness = options.operatorToken ? operatorTokenWeakness(options.operatorToken) : undefined;
  if (tokenWeakness && !options.allowWeakOperatorToken) throw new Error(weakOperatorTokenMessage(tokenWeakness));
  const supervisorWeakness = options.supervisorToken ? operatorTokenWeakness(options.supervisorToken) : undefined;
  if (supervisorWeakness && !options.allowWeakOperatorToken) {
    throw new Error(weakOperatorTokenMessage(supervisorWeakness, 'SUPERVISOR_TOKEN (buildApp option supervisorToken)'));
  }
  if (options.supervisorToken && options.supervisorToken === operatorToken) {
    throw new Error('SUPERVISOR_TOKEN (buildApp option supervisorToken) must differ from OPERATOR_TOKEN');
  }
  const reportMinGroup = options.publicReportMinGroup ?? REPORT_MIN_GROUP_DEFAULT;
  if (!Number.isInteger(reportMinGroup) || reportMinGroup < REPORT_MIN_GROUP_MIN || reportMinGroup > REPORT_MIN_GROUP_MAX) {
    throw new Error(`PUBLIC_REPORT_MIN_GROUP (buildApp option publicReportMinGroup) must be a whole number from ${REPORT_MIN_GROUP_MIN} to ${REPORT_MIN_GROUP_MAX}, got ${reportMinGroup}`);
  }
  const vocabulary = statusVocabulary(config);
  if (!vocabulary.has(REGISTERED.status)) {
    throw new Error(`Invalid widget config: statuses must include "${REGISTERED.status}", the first status of every request`);
  }
  const temporaryUploads = options.uploadDir === undefined && options.dbPath === ':memory:';
  const uploadDir = prepareUploadDir(
    options.uploadDir ?? (temporaryUploads ? mkdtempSync(join(tmpdir(), 'gov-support-uploads-')) : join(dirname(options.dbPath), 'uploads')),
    [options.distDir, options.siteDir],
  );
  const databaseOptions = options.databaseBusyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.databaseBusyTimeoutMs };
  const database: OpenedDatabase = options.databaseUrl
    ? await openPostgres(options.databaseUrl, databaseOptions)
    : await openDatabase(options.dbPath, databaseOptions);
  // Rate limits and failure counters shared by every process on this database (http/shared-limits.ts).
  const sharedLimits = createSharedLimits(database.kysely, now);
  /** Set when close() begins: `/ready` answers 503 from then on. */
  let draining = false;

  // Shutdown closes idle keep-alive connections at once and lets requests in flight finish,
  // within `shutdownGraceMs` (see close() below).
  const app = Fastify({
    logger: loggerOptions(options.logger),
    forceCloseConnections: 'idle',
    // Requests that arrive while the process drains get the API's one error shape (below), not
    // Fastify's own 503 body.
    return503OnClosing: false,
    ...errorServerOptions,
    // Slow clients are cut off: headers, whole-request and idle timeouts (http/connections.ts).
    ...serverTimeouts(connectionLimits),
    ...(options.trustProxy ? { trustProxy: true } : {}),
  });
  limitConnectionsPerIp(app.server, connectionLimits.maxConnectionsPerIp, (address) =>
    app.log.warn({ remoteAddress: address }, `connections of ${address} over ${connectionLimits.maxConnectionsPerIp}: new ones closed`),
  );
  if (tokenWeakness) {
    app.log.warn(`OPERATOR_TOKEN is weak (${tokenWeakness}), accepted for a demo only (OPERATOR_TOKEN_DEMO=1): never expose this server`);
  }
  const missing = CALLBACK_STATUSES.map((status) => CALLBACK_STATUS_PREFIX + status).filter((code) => !vocabulary.has(code));
  if (missing.length > 0) {
    app.log.warn(`statuses of the widget config lack ${missing.join(', ')}: the status lookup shows callbacks with bare codes`);
  }
  const io = createRealtime(
    app.server,
    policy,
    database.dialect === 'postgres'
      ? { pool: database.pool, onError: (error) => app.log.error({ err: error }, 'Socket.IO PostgreSQL adapter') }
      : undefined,
  );
  if (!(await realtimeReady(io, REALTIME_READY_TIMEOUT_MS))) {
    app.log.warn('Socket.IO PostgreSQL adapter: not listening yet; events reach this process only until it does');
  }
  // After Socket.IO took over the server's 'request' listeners.
  exemptFromIdleTimeout(app.server, (request) => request.url?.startsWith(`${SOCKET_PATH}/`) ?? false);
  const watchHub = createWatchHub({
    maxPerIp: options.watchStreamsPerIp ?? DEFAULT_MAX_STREAMS_PER_IP,
    keepAliveMs: options.watchKeepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
  });
  let sweeper: NodeJS.Timeout | undefined;
  let surveySweeper: NodeJS.Timeout | undefined;
  let chat: ChatService | undefined;
  let surveys: SurveyService | undefined;
  let alerts: AlertEvaluator | undefined;
  let alertSweeper: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => closeRealtime(io));
  // Open status streams end cleanly before the server stops (it would cut them off otherwise).
  app.addHook('preClose', () => watchHub.closeAll());
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    clearInterval(surveySweeper);
    clearInterval(alertSweeper);
    await database.close();
    if (temporaryUploads) rmSync(uploadDir, { recursive: true, force: true });
  });

  try {
    const notifier = options.notifier ?? createOutboxNotifier(now);
    const store = createRequestStore(database.kysely, numberFormat, notifier);
    // The citizen's survey after every finished contact; each feature tells it of its own, and
    // gives the query of its finished contacts for the sweep and for links opened early.
    const db = database.kysely;
    const finalStatuses = vocabulary.codes.filter((code) => vocabulary.isFinal(code));
    const surveyStore = createSurveyStore(db, notifier);
    const surveyService = createSurveyService({
      db,
      store: surveyStore,
      tokens: createSurveyTokens(await loadSurveySecret(db)),
      publicUrl,
      sources: [
        { channel: 'request', finished: (filter) => finishedRequests(db, finalStatuses, filter) },
        { channel: 'callback', finished: (filter) => finishedCallbacks(db, filter) },
        { channel: 'visit', finished: (filter) => finishedVisits(db, filter) },
        { channel: 'chat', finished: (filter) => finishedChats(db, filter) },
      ],
      now,
      log: (error, message) => app.log.error({ err: error }, message),
    });
    surveys = surveyService;
    // Its sweep catches nothing itself: a failure is logged here, and the next one tries again.
    surveySweeper = setInterval(() => {
      surveyService.sweep().catch((error: unknown) => app.log.error({ err: error }, 'survey sweep failed'));
    }, SURVEY_SWEEP_EVERY_MS).unref();
    const callbacks = createCallbackService({ settings: callbackSettings, calendar, store: createCallbackStore(database.kysely), surveys: surveyService });
    // The dataset replaces the office rows at every start (bookings keep their office id).
    const officeStore = createOfficeStore(database.kysely);
    await officeStore.seed(officeData);
    const offices = createOfficeDirectory({
      settings: officeSettings,
      calendars: createOfficeCalendars(officeSettings),
      store: officeStore,
      demo: officeData.demo,
    });
    // Uploads never attached to a request, and idempotency keys, are forgotten after a day.
    const sweep = async () => {
      try {
        await purgeStaleUploads(database.kysely, uploadDir, now(), RETENTION_MS);
        await store.purgeIdempotency(new Date(now() - RETENTION_MS).toISOString());
        await callbacks.store.purgeIdempotency(new Date(now() - RETENTION_MS).toISOString());
        await officeStore.purgeIdempotency(new Date(now() - RETENTION_MS).toISOString());
      } catch (error) {
        app.log.error({ err: error }, 'clean-up of stale uploads and idempotency keys failed');
      }
    };
    await sweep();
    // sweep() catches its own errors: no rejection escapes the timer.
    sweeper = setInterval(() => void sweep(), SWEEP_EVERY_MS).unref();

    installErrorHandling(app);
    // Draining: new work on a kept-alive connection is turned away (the proxy retries it on
    // another process); /health and /ready still answer; every answer closes its connection.
    app.addHook('onRequest', async (request) => {
      if (!draining || request.url === '/health' || request.url === '/ready') return;
      throw new HttpError(503, 'unavailable', 'Сервер перезапускается. Повторите попытку через несколько секунд.', undefined, 1);
    });
    app.addHook('onSend', async (_request, reply) => {
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
      if (draining) reply.header('Connection', 'close');
    });

    await app.register(fastifyCors, {
      delegator: (request, callback) => {
        // The built widget is public: any site may load it (also as a module script).
        if (request.url.startsWith(DIST_PREFIX)) return callback(null, { origin: '*' });
        const allowed = policy.isAllowed(request.headers.origin, request.headers.host);
        callback(null, { origin: allowed, methods: API_METHODS, exposedHeaders: ['Retry-After'], maxAge: 600 });
      },
    });

    registerSystemRoutes(app, { db: database.kysely, config, startedAt, draining: () => draining });
    await registerUploadRoutes(app, {
      store: createUploadStore(database.kysely),
      config,
      dir: uploadDir,
      limiter: createRateLimiter(sharedLimits, 'uploadsPerIp', rateLimits.uploadsPerIp),
      now,
    });
    registerRequestRoutes(app, {
      config,
      store,
      answerPromises,
      limiters: {
        perIp: createRateLimiter(sharedLimits, 'requestsPerIp', rateLimits.requestsPerIp),
        perPhone: createRateLimiter(sharedLimits, 'requestsPerPhone', rateLimits.requestsPerPhone),
        perEmail: createRateLimiter(sharedLimits, 'requestsPerEmail', rateLimits.requestsPerEmail),
      },
      now,
    });
    // Failed lookups of requests and of callbacks count together.
    // (Failure counters live in the database: every process sharing it counts together.)
    const lookupFailures = {
      perIp: createFailureLimiter(sharedLimits, 'lookupFailuresPerIp', statusLimits.lookupFailuresPerIp),
      perNumber: createFailureLimiter(sharedLimits, 'lookupFailuresPerNumber', statusLimits.lookupFailuresPerNumber),
    };
    const statusStore = createStatusStore(database.kysely);
    const lookup = await createStatusLookup({
      store: statusStore,
      vocabulary,
      limiters: lookupFailures,
      now,
      surveys: surveyService,
      sources: [
        {
          pattern: CALLBACK_NUMBER,
          canonical: (number) => number.trim().toUpperCase(),
          async find(number) {
            const row = await callbacks.store.findByNumber(number);
            return row && { number: row.number, phone: row.phone, view: () => callbacks.statusView(row, now()) };
          },
        },
      ],
    });
    /** A new status of a request or a callback, to its watchers on every process (status/fan-out.ts). */
    const publish = createStatusPublisher(io, watchHub, database.dialect === 'postgres');
    /** A callback's new status, to its watchers; a failure to read its history is logged (the change itself is made). */
    const publishCallback = async (row: CallbackRow) => {
      try {
        publish(await callbacks.statusView(row, now()));
      } catch (error) {
        app.log.error({ err: error, callbackNumber: row.number }, 'live status of a callback not published');
      }
    };
    await registerCallbackRoutes(app, {
      config,
      service: callbacks,
      limiters: {
        perIp: createRateLimiter(sharedLimits, 'callbacksPerIp', callbackLimits.callbacksPerIp),
        perPhone: createRateLimiter(sharedLimits, 'callbacksPerPhone', callbackLimits.callbacksPerPhone),
      },
      failures: lookupFailures,
      now,
      onChanged: publishCallback,
    });
    await registerOfficeRoutes(app, {
      directory: offices,
      limiters: {
        perIp: createRateLimiter(sharedLimits, 'bookingsPerIp', bookingLimits.bookingsPerIp),
        perPhone: createRateLimiter(sharedLimits, 'bookingsPerPhone', bookingLimits.bookingsPerPhone),
      },
      failures: lookupFailures,
      now,
    });
    // The knowledge base (FAQ), validated and indexed once; the chat's assistant uses the same index.
    registerFaqRoutes(app, { index: defaultFaqIndex() });
    const watchTokens = createWatchTokens({
      secret: await loadWatchSecret(database.kysely),
      ttlMs: options.watchTokenTtlMs ?? DEFAULT_WATCH_TOKEN_TTL_MS,
      now,
    });
    registerStatusRoutes(app, { lookup, tokens: watchTokens, hub: watchHub });
    attachStatusWatch(io, { lookup, trustProxy: options.trustProxy ?? false });
    const auth = createOperatorAuth({
      token: operatorToken,
      supervisorToken: options.supervisorToken,
      ttlMs: options.operatorSessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
      now,
      failures: {
        perToken: createFailureLimiter(sharedLimits, 'operatorLoginFailuresPerToken', statusLimits.operatorLoginFailuresPerToken),
        perIp: createFailureLimiter(sharedLimits, 'operatorLoginFailuresPerIp', statusLimits.operatorLoginFailuresPerIp),
      },
      sessions: createOperatorSessionStore(database.kysely),
    });
    registerOperatorRoutes(app, { auth });
    registerOperatorRequestRoutes(app, {
      auth,
      store: statusStore,
      vocabulary,
      config,
      uploadDir,
      now,
      citizenView: lookup.view,
      isChatAttachment: async (id) => (await chat?.isChatAttachment(id)) ?? false,
      onStatusChanged: publish,
      surveys: surveyService,
    });
    registerOperatorCallbackRoutes(app, {
      auth,
      service: callbacks,
      now,
      onChanged: publishCallback,
    });
    registerOperatorBookingRoutes(app, { auth, directory: offices, now });
    registerSurveyRoutes(app, {
      service: surveyService,
      store: surveyStore,
      auth,
      limiter: createRateLimiter(sharedLimits, 'surveysPerIp', surveyLimits.surveysPerIp),
    });
    // The supervisor's figures: each line's working hours, the callback settings' holidays for all.
    const workingLine = (hours: WeeklyHours | undefined): WorkingLine => ({ hours, holidays: callbackSettings.holidays, timeZone: hours?.timeZone ?? MOSCOW });
    const figures = createFiguresService({
      db: database.kysely,
      finalStatuses: vocabulary.codes.filter((code) => vocabulary.isFinal(code)),
      surveys: (fromIso, toIso) => surveyFacts(database.kysely, fromIso, toIso),
      lines: {
        request: workingLine(config.channels.request.hours),
        callback: workingLine(callbackHours(config.channels.callback.hours)),
        chat: workingLine(config.channels.chat.hours),
      },
      now,
    });
    registerFiguresRoutes(app, { auth, operatorsSeeAll: options.operatorsSeeAllFigures ?? false, service: figures });
    // The public report: each finished month's figures per channel, frozen when first computed.
    if (options.publicReport) {
      registerReportRoutes(
        app,
        createReportService({ figures, store: createReportStore(database.kysely), minGroup: reportMinGroup, now }),
      );
      await registerReportPage(app, { pageDir: options.reportPageDir ?? DEFAULT_REPORT_PAGE_DIR, servedDirs: [options.distDir, options.siteDir] });
    } else {
      registerReportOff(app);
    }
    // The supervisor's alerts: rules, the minute sweep (several processes: one raises), the routes.
    const alertEvaluator = createAlertEvaluator({
      db: database.kysely,
      notifier,
      finalStatuses,
      consoleUrl: options.consoleUrl ? parseConsoleUrl(options.consoleUrl) : publicUrl ? new URL('/operator/', publicUrl).toString() : undefined,
      now,
    });
    alerts = alertEvaluator;
    alertSweeper = setInterval(() => {
      alertEvaluator.sweep().catch((error: unknown) => app.log.error({ err: error }, 'alert sweep failed'));
    }, ALERT_SWEEP_EVERY_MS).unref();
    registerAlertRoutes(app, { db: database.kysely, auth, now });
    chat = registerChat(app, io, {
      db: database.kysely,
      chat: { assistant: { reply: (question, locale) => defaultFaqAssistant().answer(question, locale) }, ...options.chat },
      notifier,
      channel: config.channels.chat,
      maxAttachments: config.attachments.maxCount,
      uploadDir,
      operators: {
        token: operatorToken,
        auth,
        // Wrong tokens in the operators' socket handshake, per client IP: the login's rule.
        failures: createFailureLimiter(sharedLimits, 'chatOperatorFailuresPerIp', statusLimits.operatorLoginFailuresPerIp),
      },
      trustProxy: options.trustProxy ?? false,
      sharedLimits,
      now,
      log: (error, message) => app.log.error({ err: error }, message),
      surveys: surveyService,
      sharedSurveys: (conversationIds) => sharedSurveyAnswers(database.kysely, 'chat', conversationIds),
    });
    await registerOperatorConsole(app, {
      consoleDir: options.consoleDir ?? DEFAULT_CONSOLE_DIR,
      servedDirs: [options.distDir, options.siteDir],
    });
    await registerStatic(app, { distDir: options.distDir, siteDir: options.siteDir });
  } catch (error) {
    await app.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const close = () =>
    (closing ??= (async () => {
      draining = true;
      // Past the grace period, connections still open (a slow upload, a departed client's
      // half-read request) are cut so that the process does stop.
      const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
      cut.unref();
      try {
        await app.close();
      } finally {
        clearTimeout(cut);
      }
    })());
  return { app, io, database, operatorToken, chat: chat!, surveys: surveys!, alerts: alerts!, close };
}

/** The keys of `defaults` that `values` sets. */
function pick<T extends object>(values: Partial<Record<string, unknown>> | undefined, defaults: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    if (values?.[key] !== undefined) out[key] = values[key] as T[keyof T & string];
  }
  return out;
}

