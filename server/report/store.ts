import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import type { FrozenMonth } from './publish.js';

/** A month's frozen figures (`public_reports`, 018_public_report). */
export interface FrozenReport {
  month: string;
  method: number;
  computedAt: string;
  figures: FrozenMonth;
}

export interface ReportStore {
  find(month: string): Promise<FrozenReport | undefined>;
  /**
   * Freezes a month unless it is frozen already (INSERT … ON CONFLICT DO NOTHING: of two
   * processes computing at once, the first write wins), then answers what is stored.
   */
  freeze(report: FrozenReport): Promise<FrozenReport>;
  /** Every frozen month. */
  months(): Promise<string[]>;
}

export function createReportStore(db: Kysely<Database>): ReportStore {
  const find = async (month: string): Promise<FrozenReport | undefined> => {
    const row = await db.selectFrom('public_reports').selectAll().where('month', '=', month).executeTakeFirst();
    return row && { month: row.month, method: Number(row.method), computedAt: row.computed_at, figures: JSON.parse(row.figures) as FrozenMonth };
  };
  return {
    find,
    async freeze(report) {
      await db
        .insertInto('public_reports')
        .values({ month: report.month, method: report.method, computed_at: report.computedAt, figures: JSON.stringify(report.figures) })
        .onConflict((conflict) => conflict.column('month').doNothing())
        .execute();
      const stored = await find(report.month);
      if (!stored) throw new Error(`public report of ${report.month}: frozen but not found`);
      return stored;
    },
    async months() {
      const rows = await db.selectFrom('public_reports').select('month').execute();
      return rows.map((row) => row.month);
    },
  };
}
