import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { ApiError, FieldIssue } from '#protocol/error.js';
import { isDatabaseBusy } from '../database/errors.js';
import { closeAfterAnswerIfUnread } from './linger.js';

export type ErrorCode = ApiError['error']['code'];

/** Throw from a handler to answer with the contract's ApiError body. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    readonly retryAfterSeconds?: number,
    /** A 409 about a time that is no longer free: the next free one (`ApiError.error.nextSlot`). */
    readonly nextSlot?: ApiError['error']['nextSlot'],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function apiError(
  code: ErrorCode,
  message: string,
  extra: Omit<ApiError['error'], 'code' | 'message'> = {},
): ApiError {
  return { error: { code, message, ...extra } };
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Fastify's own 4xx errors, in the citizen's language. */
const MESSAGE_BY_FASTIFY_CODE: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Тело запроса не является корректным JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Тело запроса пустое, хотя указан тип application/json.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Тело запроса слишком большое.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Неподдерживаемый тип содержимого запроса.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Размер тела запроса не совпадает с заголовком Content-Length.',
  FST_ERR_BAD_URL: 'Адрес запроса закодирован неверно.',
  FST_ERR_MAX_PARAM_LENGTH: 'Адрес запроса слишком длинный.',
};

export const INTERNAL_MESSAGE = 'Внутренняя ошибка сервера. Попробуйте повторить запрос позже.';

export const BUSY_MESSAGE = 'Сервер сейчас перегружен. Повторите попытку через несколько секунд.';
/** `Retry-After` of a busy database: the lock was already waited for (busy_timeout), so soon. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * A database that stayed busy or locked past its bound (database/errors.ts, either database):
 * nothing is wrong with the request, another connection held the lock. Answered 503
 * `unavailable` with Retry-After, never 500.
 */
export { isDatabaseBusy };

/** The `error` of a busy database's answer (HTTP body and socket ack alike). */
export function busyError(): ApiError['error'] {
  return { code: 'unavailable', message: BUSY_MESSAGE, retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS };
}

/** Maps any thrown error to a status and an ApiError body; 5xx details never leave the server. */
export function toApiError(error: unknown): { status: number; body: ApiError } {
  if (error instanceof HttpError) {
    const extra: Omit<ApiError['error'], 'code' | 'message'> = {};
    if (error.issues) extra.issues = error.issues;
    if (error.retryAfterSeconds !== undefined) extra.retryAfterSeconds = error.retryAfterSeconds;
    if (error.nextSlot) extra.nextSlot = error.nextSlot;
    return { status: error.statusCode, body: apiError(error.code, error.message, extra) };
  }
  const fastifyError = error as Partial<FastifyError> | undefined;
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message =
      MESSAGE_BY_FASTIFY_CODE[fastifyError?.code ?? ''] ?? fastifyError?.message ?? 'Некорректный запрос.';
    return { status, body: apiError(CODE_BY_STATUS[status] ?? 'validation_failed', message) };
  }
  if (isDatabaseBusy(error)) return { status: 503, body: { error: busyError() } };
  return { status: 500, body: apiError('internal', INTERNAL_MESSAGE) };
}

/** Answers `error` with its status and ApiError body (Retry-After when it has a wait). */
function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toApiError(error);
  if (isDatabaseBusy(error)) request.log.warn({ err: error }, 'database busy past its bound: answered 503');
  else if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.error.code, status }, body.error.message);
  if (body.error.retryAfterSeconds !== undefined) reply.header('Retry-After', String(body.error.retryAfterSeconds));
  closeAfterAnswerIfUnread(request, reply);
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** Errors of the HTTP parser, before Fastify has a request: status, code and message. */
const CLIENT_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', message: 'Запрос не был получен полностью за отведённое время.' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', message: 'Заголовки запроса слишком большие.' },
};
const BAD_REQUEST = { status: 400, code: 'validation_failed' as const, message: 'Некорректный HTTP-запрос.' };

/**
 * Fastify's `clientErrorHandler`: a request the HTTP parser refused (431 headers too large, 408
 * timed out, 400 malformed) is answered in the ApiError shape too, then the connection closed.
 */
function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has nothing to answer to.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, message } = CLIENT_ERRORS[error.code ?? ''] ?? BAD_REQUEST;
  const body = JSON.stringify(apiError(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Fastify server options that keep errors raised before routing (a URL that is not valid
 * percent-encoding, headers too large, a malformed request) in the ApiError shape.
 */
export const errorServerOptions = {
  clientErrorHandler,
  frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => answerError(error, request, reply),
} satisfies Pick<FastifyServerOptions, 'clientErrorHandler' | 'frameworkErrors'>;

/** Every error, including 404s and body-parser failures, answers with the ApiError shape. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(answerError);

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    closeAfterAnswerIfUnread(request, reply);
    return reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(apiError('not_found', `Не найдено: ${request.method} ${path}`));
  });
}
