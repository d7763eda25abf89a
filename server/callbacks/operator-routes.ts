import type { FastifyInstance } from 'fastify';
import { CALLBACK_NUMBER } from '#protocol/callback.js';
import { endpoints } from '#protocol/endpoints.js';
import { HttpError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { addDays, badDateQuery, isCalendarDate } from '../scheduling/calendar-date.js';
import type { OperatorAuth } from '../operator/index.js';
import type { CallbackService } from './service.js';
import type { CallbackRow } from './store.js';
import { operatorCallbackView } from './views.js';

const MINUTE = 60_000;
export const CALLBACK_NOT_FOUND = 'Заявка на обратный звонок с таким номером не найдена.';
export const OUTCOME_FINAL = 'Итог этой заявки уже записан: звонок состоялся или заявка отменена.';

export interface OperatorCallbackRoutesOptions {
  auth: OperatorAuth;
  service: CallbackService;
  now: () => number;
  /** After every outcome (live status updates of the citizen); awaited before the answer, never rejects. */
  onChanged(row: CallbackRow): Promise<void>;
}

/** `GET /operator/api/callbacks` (the day's queue) and `POST /operator/api/callbacks/:number/outcome`. */
export function registerOperatorCallbackRoutes(app: FastifyInstance, options: OperatorCallbackRoutesOptions): void {
  const { auth, service, now } = options;
  const { calendar, store, settings } = service;
  const guard = { onRequest: auth.guard };
  const view = async (row: CallbackRow) => operatorCallbackView(row, await store.history(row.id));

  defineRoute(
    app,
    endpoints.operatorCallbacks,
    async ({ query }) => {
      const today = calendar.dateOf(now());
      const date = query.date ?? today;
      if (!isCalendarDate(date)) throw badDateQuery('date');
      const from = new Date(calendar.startOf(date)).toISOString();
      const to = new Date(calendar.startOf(addDays(date, 1))).toISOString();
      // Today's queue also carries the calls still waiting from earlier days.
      const rows = await store.queue({ from, to, overdueToo: date === today, ...(query.status ? { status: query.status } : {}) });
      const histories = await store.histories(rows.map((row) => row.id));
      return { date, timeZone: calendar.timeZone, items: rows.map((row) => operatorCallbackView(row, histories.get(row.id)!)) };
    },
    guard,
  );

  defineRoute(
    app,
    endpoints.operatorCallbackOutcome,
    async ({ body, params, request }) => {
      const number = (params.number ?? '').toUpperCase();
      const row = CALLBACK_NUMBER.test(number) ? await store.findByNumber(number) : undefined;
      if (!row) throw new HttpError(404, 'not_found', CALLBACK_NOT_FOUND);
      const at = now();
      const note = body.note?.trim() || null;
      const operator = auth.operator(request).operatorName;
      const outcome = await store.outcome(row.id, {
        status: body.outcome,
        retryAt: body.outcome === 'no_answer' ? at + settings.noAnswerRetryMinutes * MINUTE : null,
        note,
        operator,
        at,
      });
      if (outcome.kind !== 'changed') throw new HttpError(409, 'conflict', OUTCOME_FINAL);
      request.log.info({ callbackNumber: row.number, outcome: body.outcome }, 'callback outcome');
      // Finished: the citizen's survey.
      if (outcome.row.status === 'called') await service.called(outcome.row, operator, at);
      await options.onChanged(outcome.row);
      return view(outcome.row);
    },
    guard,
  );
}
