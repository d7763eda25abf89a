import type { FastifyInstance } from 'fastify';
import { endpoints } from '#protocol/endpoints.js';
import { REPORT_MONTH } from '#protocol/report.js';
import { HttpError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import type { ReportService } from './service.js';

export const REPORT_OFF = 'Публичный отчёт на этом сервере не включён.';

/**
 * `GET /report/months` and `GET /report/months/:month` (src/protocol/report.ts): public, no
 * personal data. A frozen month never changes: cached for an hour by anyone.
 */
export function registerReportRoutes(app: FastifyInstance, service: ReportService): void {
  defineRoute(app, endpoints.reportMonths, async ({ reply }) => {
    reply.header('Cache-Control', 'no-cache');
    return service.months();
  });
  defineRoute(app, endpoints.reportMonth, async ({ params, reply }) => {
    const month = params.month ?? '';
    if (!REPORT_MONTH.test(month)) {
      throw new HttpError(400, 'validation_failed', 'Параметры запроса не прошли проверку.', [
        { path: ['month'], code: 'invalid', message: 'Укажите месяц в виде ГГГГ-ММ, например 2026-03' },
      ]);
    }
    const report = await service.month(month);
    if (!report) {
      throw new HttpError(404, 'not_found', 'Отчёт за этот месяц не опубликован: публикуются только завершившиеся месяцы за последний год.');
    }
    reply.header('Cache-Control', 'public, max-age=3600');
    return report;
  });
}

/** The report switched off (`PUBLIC_REPORT` unset): its page and API answer 404 in the API's shape. */
export function registerReportOff(app: FastifyInstance): void {
  const off = async (): Promise<never> => {
    throw new HttpError(404, 'not_found', REPORT_OFF);
  };
  // The endpoints stay routed (every endpoint of the contract is), answering 404.
  defineRoute(app, endpoints.reportMonths, off);
  defineRoute(app, endpoints.reportMonth, off);
  app.get('/report', off);
  app.get('/report/*', off);
}
