import type { FastifyInstance } from 'fastify';
import { endpoints } from '#protocol/endpoints.js';
import type { OperatorSurveyAnswer } from '#protocol/quality.js';
import { HttpError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import type { RateLimiter } from '../http/shared-limits.js';
import { addDays, badDateQuery, isCalendarDate } from '../scheduling/calendar-date.js';
import type { OperatorAuth } from '../operator/index.js';
import { MOSCOW_OFFSET_MS } from '../time.js';
import type { SurveyService } from './service.js';
import type { SurveyRow, SurveyStore } from './store.js';

/** One answer for a forged or damaged token and for a contact not finished (or unknown). */
export const SURVEY_NOT_FOUND_MESSAGE = 'Опрос не найден: ссылка неверна или обращение ещё не завершено.';
export const SURVEY_ANSWERED_MESSAGE = 'Вы уже ответили на этот опрос. Спасибо!';
export const SURVEY_RATE_LIMITED_MESSAGE = 'Слишком много обращений к опросам подряд. Повторите попытку позже.';
/** Answers per page of the operators' list. */
export const SURVEY_PAGE_SIZE = 20;

/** The instant a Moscow calendar date begins (ISO). */
const moscowMidnight = (date: string) => new Date(Date.parse(`${date}T00:00:00.000Z`) - MOSCOW_OFFSET_MS).toISOString();

/** An answer as an operator sees it: whose contact it was only when the citizen agreed. */
export function operatorSurveyAnswer(row: SurveyRow): OperatorSurveyAnswer {
  return {
    channel: row.channel,
    topic: row.topic,
    ...(row.operator !== null ? { operator: row.operator } : {}),
    resolved: row.resolved!,
    rating: row.rating!,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    answeredAt: row.answered_at!,
    ...(row.share_with_operator === 1 ? { reference: row.contact_ref } : {}),
  };
}

/**
 * `GET` and `POST /surveys/:token` (public, rate-limited per client IP) and the operators'
 * `GET /operator/api/surveys`.
 */
export function registerSurveyRoutes(
  app: FastifyInstance,
  options: { service: SurveyService; store: SurveyStore; auth: OperatorAuth; limiter: RateLimiter },
): void {
  const { service, store, auth, limiter } = options;
  // Counted before the token is looked at (or the body read).
  const limited = { onRequest: async (request: { ip: string }) => limiter.consume(`ip:${request.ip}`, SURVEY_RATE_LIMITED_MESSAGE) };

  defineRoute(
    app,
    endpoints.survey,
    async ({ params }) => {
      const view = await service.view(params.token ?? '');
      if (!view) throw new HttpError(404, 'not_found', SURVEY_NOT_FOUND_MESSAGE);
      return view;
    },
    limited,
  );

  defineRoute(
    app,
    endpoints.answerSurvey,
    async ({ params, body, request }) => {
      const outcome = await service.answer(params.token ?? '', body);
      if (outcome.kind === 'not_found') throw new HttpError(404, 'not_found', SURVEY_NOT_FOUND_MESSAGE);
      if (outcome.kind === 'already_answered') throw new HttpError(409, 'conflict', SURVEY_ANSWERED_MESSAGE);
      request.log.info({ rating: outcome.answer.rating, resolved: outcome.answer.resolved }, 'survey answered');
      return outcome.answer;
    },
    { ...limited, bodyLimit: 16 * 1024 },
  );

  defineRoute(
    app,
    endpoints.operatorSurveys,
    async ({ query }) => {
      for (const key of ['from', 'to'] as const) {
        const date = query[key];
        if (date !== undefined && !isCalendarDate(date)) throw badDateQuery(key);
      }
      const page = Number(query.page ?? 1);
      const operator = query.operator?.trim() || undefined;
      const { total, rows } = await store.answers({
        ...(query.channel ? { channel: query.channel } : {}),
        ...(query.from ? { from: moscowMidnight(query.from) } : {}),
        // `to` is inclusive: answers before the next day begins.
        ...(query.to ? { to: moscowMidnight(addDays(query.to, 1)) } : {}),
        ...(operator ? { operator } : {}),
        limit: SURVEY_PAGE_SIZE,
        offset: (page - 1) * SURVEY_PAGE_SIZE,
      });
      return { total, page, pageSize: SURVEY_PAGE_SIZE, items: rows.map(operatorSurveyAnswer) };
    },
    { onRequest: auth.guard },
  );
}
