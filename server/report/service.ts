import type { ReportMonth, ReportMonths } from '#protocol/report.js';
import type { FiguresService } from '../figures/index.js';
import { MOSCOW } from '../time.js';
import { daysOf, monthOf, publishedMonths } from './months.js';
import { REPORT_METHOD, freeze, publish } from './publish.js';
import type { FrozenReport, ReportStore } from './store.js';

export interface ReportServiceOptions {
  figures: FiguresService;
  store: ReportStore;
  /** Groups under this many contacts or answers are suppressed (`PUBLIC_REPORT_MIN_GROUP`). */
  minGroup: number;
  now: () => number;
}

export interface ReportService {
  months(): Promise<ReportMonths>;
  /** A published month's report, or undefined when the month is not published. */
  month(month: string): Promise<ReportMonth | undefined>;
}

/**
 * The public report: a finished month's figures are computed once — the first time anyone asks
 * after the month ended — and frozen in `public_reports`; every later answer is the frozen
 * figures with the suppression of small groups applied. So a reopened request, a late survey
 * answer or a contact entered afterwards never changes a published month.
 */
export function createReportService({ figures, store, minGroup, now }: ReportServiceOptions): ReportService {
  /** Computations running in this process, by month: asked twice at once, computed once. */
  const running = new Map<string, Promise<FrozenReport>>();

  const compute = (month: string): Promise<FrozenReport> => {
    let pending = running.get(month);
    if (!pending) {
      pending = (async () => {
        const computedAt = new Date(now()).toISOString();
        const computed = await figures.figures({ ...daysOf(month), groupBy: 'channel' });
        return store.freeze({ month, method: REPORT_METHOD, computedAt, figures: freeze(computed) });
      })().finally(() => running.delete(month));
      running.set(month, pending);
    }
    return pending;
  };

  return {
    async months() {
      return { months: publishedMonths(now(), await store.months()) };
    },
    async month(month) {
      // Never the current month (nor a later one), even if the clock was set back.
      if (month >= monthOf(now())) return undefined;
      let report = await store.find(month);
      if (!report) {
        if (!publishedMonths(now(), []).includes(month)) return undefined;
        report = await compute(month);
      }
      return {
        month,
        timeZone: MOSCOW,
        computedAt: report.computedAt,
        method: report.method,
        minGroup,
        ...publish(report.figures, minGroup),
      };
    },
  };
}
